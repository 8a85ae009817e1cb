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
        using var reference = new ReferenceModelBackend(model);
        using var onnxRuntime = OnnxSession.FromModel(model);
        var inputs = RandomInputs(reference.Inputs);

        var expected = onnxRuntime.Run(inputs);
        var actual = reference.Run(inputs);

        foreach (var spec in onnxRuntime.Outputs)
        {
            float[] e = expected[spec.Name].ToArray<float>(), a = actual[spec.Name].ToArray<float>();
            Assert.Equal(expected[spec.Name].Dims, actual[spec.Name].Dims);
            double worst = 0;
            for (int i = 0; i < e.Length; i++)
            {
                double diff = Math.Abs(a[i] - (double)e[i]);
                worst = Math.Max(worst, diff);
                Assert.True(diff <= 1e-6 + 1e-3 * Math.Abs(e[i]), $"{name} output '{spec.Name}'[{i}]: reference {a[i]}, ONNX Runtime {e[i]}");
            }
            output.WriteLine($"{name} '{spec.Name}': {e.Length} values, largest difference {worst:G3}");
        }
    }

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
