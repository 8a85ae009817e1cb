using OnnxKit.Execution;
using OnnxKit.Exporter.Export;
using OnnxKit.Ir;
using OnnxKit.Models;
using OnnxKit.Runtime;
using Xunit.Abstractions;

namespace OnnxKit.Reference.Tests.Zoo;

/// <summary>
/// Every zoo model gives the same outputs on the reference evaluator as on ONNX Runtime (CPU),
/// on the same seeded input, within rtol 1e-3 and atol 1e-6 (float32 on both sides; the
/// evaluator's summation order differs). To keep the suite fast, models run at
/// <see cref="ModelZoo.CompactOptions"/>; ResNet-50 also runs at 224×224.
/// </summary>
public sealed class ZooAgreementTests(ITestOutputHelper output)
{
    public static TheoryData<string> Names => [.. ModelZoo.All.Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void ReferenceAndOnnxRuntimeAgree(string name)
    {
        var model = ModelZoo.Create(name, ModelZoo.CompactOptions(name)).ToOnnx(new ExportOptions { Seed = 11, BatchSize = 2 });
        using var reference = new ReferenceBackend().Prepare(model);
        using var onnxRuntime = new OnnxRuntimeBackend().Prepare(model);
        var inputs = RandomInputs(reference.Inputs);

        var expected = onnxRuntime.Run(inputs);
        var actual = reference.Run(inputs);

        foreach (var spec in onnxRuntime.Outputs)
        {
            var comparison = OutputComparer.Compare(spec.Name, expected[spec.Name], actual[spec.Name], Agreement);
            Assert.True(comparison.Passed, $"{name} output '{spec.Name}', reference against ONNX Runtime: {comparison.Problem}");
            output.WriteLine($"{name} '{spec.Name}': {comparison.Elements} values, largest difference {comparison.MaxAbsoluteError:G3}");
        }
    }

    /// <summary>How close the evaluator must come to ONNX Runtime: rtol 1e-3, atol 1e-6.</summary>
    private static readonly Tolerance Agreement = new(1e-3, 1e-6);

    private static Dictionary<string, ITensor> RandomInputs(IEnumerable<TensorSpec> specs)
    {
        var random = new Random(5);
        return specs.ToDictionary(s => s.Name, s =>
        {
            long[] dims = s.Shape!.Select(d => d.Value ?? 1).ToArray();
            var data = new float[dims.Aggregate(1L, (a, b) => a * b)];
            for (int i = 0; i < data.Length; i++) data[i] = (float)(random.NextDouble() * 2 - 1);
            return (ITensor)DenseTensor.FromFloats(data, dims);
        });
    }
}
