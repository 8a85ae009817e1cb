using OnnxKit.Checker;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Float16;
using OnnxKit.Optimizer.Tests.TestSupport;
using OnnxKit.Execution;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;
using Xunit.Abstractions;

namespace OnnxKit.Optimizer.Tests.Conformance;

/// <summary>
/// Every ONNX conformance model with float32 data, converted to float16: the conversion must not fail,
/// the result must pass the checker (when the original does) and run wherever ONNX Runtime runs the
/// original, with the same output names and types (inputs and outputs stay float32). How many stay
/// within float16's usual tolerance is reported, not asserted: conformance cases probe edge values
/// (huge exponents, exact integers) that float16 cannot hold.
/// </summary>
public sealed class BackendModelFloat16Tests(ITestOutputHelper output)
{
    [SharedDataFact(SharedData.BackendNodeFolder)]
    public void EveryFloat32ConformanceModelConvertsToAValidRunnableModel()
    {
        var failures = new List<string>();
        int converted = 0, ran = 0, close = 0;
        foreach (var path in SharedData.BackendModels())
        {
            string name = Path.GetFileName(Path.GetDirectoryName(path))!;
            var original = OnnxFile.Load(path);
            bool hasFloat = original.AllGraphs().Any(g => g.Inputs.Concat(g.Outputs).Concat(g.Initializers).Any(v => v.TensorType?.ElementType == DataType.Float));
            if (!hasFloat) continue;
            var model = original.Clone();
            try
            {
                Float16Converter.Convert(model);
            }
            catch (Exception e)
            {
                failures.Add($"{name}: conversion threw {e.GetType().Name}: {e.Message}");
                continue;
            }
            converted++;
            var reloaded = OnnxFile.Load(OnnxFile.ToBytes(model));
            if (ModelChecker.Check(original).IsValid && ModelChecker.Check(reloaded) is { IsValid: false } report)
            {
                failures.Add($"{name}: checker: {report.Problems.First(p => p.Severity == CheckSeverity.Error)}");
                continue;
            }
            if (!reloaded.Graph.Outputs.Select(o => (o.Name, o.TensorType?.ElementType)).SequenceEqual(original.Graph.Outputs.Select(o => (o.Name, o.TensorType?.ElementType))))
                failures.Add($"{name}: the outputs' names or types changed");
            var inputs = Numerics.CaseInputs(Path.GetDirectoryName(path)!, original);
            if (inputs is null) continue;
            IReadOnlyList<ITensor> expected;
            try
            {
                expected = Numerics.Run(original, inputs);
            }
            catch (OnnxKitException)
            {
                continue;
            }
            try
            {
                var actual = Numerics.Run(model, inputs);
                ran++;
                if (expected.Zip(actual).All(p => OutputComparer.Compare("y", [p.First], [p.Second], Tolerance.Float16).Passed)) close++;
            }
            catch (OnnxKitException e)
            {
                failures.Add($"{name}: does not run after conversion: {e.Message.Split('\n')[0]}");
            }
        }
        output.WriteLine($"{converted} models converted; {ran} ran in ONNX Runtime after conversion, {close} of them within {Tolerance.Float16} of the original");
        output.WriteLine(string.Join("\n", failures.Take(60)));
        Assert.True(converted > 800, $"only {converted} models converted");
        Assert.True(failures.Count == 0, $"{failures.Count} failures, e.g. {string.Join(" | ", failures.Take(5))}");
    }
}
