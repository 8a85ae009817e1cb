using OnnxKit.Checker;
using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Conversion;
using OnnxKit.Optimizer.Tests.TestSupport;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;
using Xunit.Abstractions;

namespace OnnxKit.Optimizer.Tests.Conversion;

/// <summary>
/// Old real models nobody here wrote, converted up to opsets 13, 17 and 21. ONNX's light real-architecture
/// models (opset 9, IR 3) must convert, pass the checker and give on ONNX Runtime the outputs of the original
/// (which ONNX Runtime also runs) on seeded input, rtol 1e-4 / atol 1e-5. ONNX 1.12's PyTorch-exported cases
/// (opset 6, IR 3: ONNX Runtime no longer runs them as written) must give the cases' expected outputs once
/// converted, rtol 1e-3 / atol 1e-7 as the conformance README gives; a refusal there is counted and printed,
/// never passed as a success.
/// </summary>
public sealed class RealModelConversionTests(ITestOutputHelper output)
{
    private static readonly int[] Targets = [13, 17, 21];

    public static TheoryData<string> LightModels => [.. RealModels.OnnxLightModels];

    [RealModelTheory(RealModels.OnnxLightFolder)]
    [MemberData(nameof(LightModels))]
    public void LightModelConvertsUpWithTheSameOutputs(string model)
    {
        var original = OnnxFile.Load(RealModels.Require(model));
        var inputs = Numerics.RandomInputs(original, seed: 3, symbolSize: 1);
        var expected = Numerics.Run(original, inputs);
        foreach (int target in Targets)
        {
            var result = OpsetConverter.Convert(original, new ConvertOptions { TargetOpset = target });
            var converted = OnnxFile.Load(OnnxFile.ToBytes(result.Model));
            Assert.Equal(target, converted.OpsetVersion(""));
            var report = ModelChecker.Check(converted);
            Assert.True(report.IsValid, $"{model} at opset {target}: {report}");
            Numerics.AssertClose(expected, Numerics.Run(converted, inputs), Tolerance.Float32.Relative, Tolerance.Float32.Absolute);
            output.WriteLine($"{model} 9 → {target}: IR {result.SourceIrVersion} → {converted.IrVersion}, {result.Steps.Count} node changes, outputs agree");
        }
    }

    [RealModelTheory(RealModels.PyTorchOperatorCases, RealModels.PyTorchConvertedCases)]
    [InlineData(RealModels.PyTorchOperatorCases)]
    [InlineData(RealModels.PyTorchConvertedCases)]
    public void PyTorchCasesConvertUpAndGiveTheExpectedOutputs(string collection)
    {
        int verified = 0;
        var refusals = new List<string>();
        var failures = new List<string>();
        foreach (string folder in RealModels.CaseFolders(collection))
        {
            var original = OnnxFile.Load(Path.Combine(folder, "model.onnx"));
            var inputs = Numerics.CaseInputs(folder, original);
            if (inputs is null) continue;
            var expected = Enumerable.Range(0, original.Graph.Outputs.Count)
                .Select(k => TensorProtoFile.Read(Path.Combine(folder, "test_data_set_0", $"output_{k}.pb"))).ToList();
            foreach (int target in Targets.Where(t => t > original.OpsetVersion("")))
            {
                string cell = $"{Path.GetFileName(folder)} {original.OpsetVersion("")} → {target}";
                Model converted;
                try
                {
                    converted = OnnxFile.Load(OnnxFile.ToBytes(OpsetConverter.Convert(original, new ConvertOptions { TargetOpset = target }).Model));
                }
                catch (ConversionException e)
                {
                    refusals.Add($"{cell}: {e.Message}");
                    continue;
                }
                if (ModelChecker.Check(converted) is { IsValid: false } report) { failures.Add($"{cell}: {report}"); continue; }
                var actual = Numerics.Run(converted, inputs);
                var problem = expected.Select((e, k) => OutputComparer.Compare(converted.Graph.Outputs[k].Name, e, actual[k], Tolerance.OnnxDefault))
                    .FirstOrDefault(c => !c.Passed)?.Problem;
                if (problem is null) verified++;
                else failures.Add($"{cell}: {problem}");
            }
        }
        output.WriteLine($"{collection}: {verified} conversions give the expected outputs, {refusals.Count} refused, {failures.Count} wrong");
        foreach (string refusal in refusals) output.WriteLine("  refused " + refusal);
        Assert.True(failures.Count == 0, string.Join(" | ", failures));
        Assert.True(verified >= 3 * 30, $"only {verified} conversions were verified");
    }
}
