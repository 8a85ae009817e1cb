using System.Globalization;
using System.Text.Json;
using OnnxKit.Models;
using OnnxKit.Ir;
using OnnxKit.Serialization.NumPy;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Cli.Tests;

/// <summary>
/// What a new user does with every zoo model, through the CLI: export it, run it on ONNX
/// Runtime and on the reference evaluator (the two must agree), and bench it. Models are
/// exported at <see cref="ModelZoo.CompactOptions"/>, as in the opset matrix.
/// </summary>
public sealed class ZooCliTests
{
    public static TheoryData<string> Names => [.. ModelZoo.All.Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_zoo_model_exports_runs_on_both_backends_alike_and_benches(string name)
    {
        using var dir = new TempFolder();
        string model = dir.File($"{name}.onnx");
        string[] size = ModelZoo.CompactOptions(name).ImageSize is int s ? ["--image-size", s.ToString(CultureInfo.InvariantCulture)] : [];
        var export = InProcessCli.Run(["export", name, "-o", model, .. size]);
        Assert.True(export.ExitCode == 0, export.Output + export.Error);

        var ort = InProcessCli.Run("run", model, "-o", dir.File("ort"), "--seed", "3");
        Assert.True(ort.ExitCode == 0, ort.Output + ort.Error);
        var reference = InProcessCli.Run("run", model, "-o", dir.File("reference"), "--seed", "3", "--backend", "reference");
        Assert.True(reference.ExitCode == 0, reference.Output + reference.Error);
        string[] written = Directory.GetFiles(dir.File("ort"), "*.npy").Select(Path.GetFileName).Order().ToArray()!;
        Assert.NotEmpty(written);
        Assert.Equal(written, Directory.GetFiles(dir.File("reference"), "*.npy").Select(Path.GetFileName).Order().ToArray());
        foreach (string file in written)
        {
            var expected = NpyFile.Read(Path.Combine(dir.File("ort"), file));
            var actual = NpyFile.Read(Path.Combine(dir.File("reference"), file));
            Assert.Equal(expected.Dims, actual.Dims);
            float[] e = expected.ToArray<float>(), a = actual.ToArray<float>();
            for (int i = 0; i < e.Length; i++)
            {
                Assert.True(float.IsFinite(e[i]), $"{name} {file}[{i}] is {e[i]} on ONNX Runtime");
                Assert.True(Math.Abs(e[i] - a[i]) <= 1e-6 + 1e-3 * Math.Abs(e[i]), $"{name} {file}[{i}]: reference {a[i]}, ONNX Runtime {e[i]}");
            }
        }

        var bench = InProcessCli.Run("bench", model, "--iterations", "3", "--warmup", "1", "--json", "-");
        Assert.True(bench.ExitCode == 0, bench.Output + bench.Error);
        using var json = JsonDocument.Parse(bench.Output);
        var result = json.RootElement.GetProperty("results")[0];
        Assert.Equal(3, result.GetProperty("latency").GetProperty("count").GetInt32());
        Assert.True(result.GetProperty("latency").GetProperty("p50").GetDouble() > 0);
    }
}
