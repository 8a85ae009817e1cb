using System.Text.Json;
using OnnxKit.Ir;
using OnnxKit.Serialization;
using OnnxKit.Serialization.NumPy;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Cli.Tests;

public sealed class RunCommandTests
{
    [Fact]
    public void Runs_on_a_given_input_and_writes_each_output_as_npy()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(TestModels.Dense(), dir.File("dense.onnx"));
        float[] x = [1, -2, 0.5f, 3];
        NpyFile.Write(dir.File("x.npy"), DenseTensor.FromFloats(x, [1, 4]));
        var result = CliRunner.Run("run", dir.File("dense.onnx"), "--input", $"x={dir.File("x.npy")}", "--output-dir", dir.File("out"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("CPUExecutionProvider", result.Output);

        // y = Relu(x·W + b) with W[i,j] = 0.1·(3i+j), b[j] = j − 0.5 (TestModels.Dense), by hand.
        var expected = Enumerable.Range(0, 3).Select(j => Math.Max(0, j - 0.5f + Enumerable.Range(0, 4).Sum(i => x[i] * 0.1f * (3 * i + j)))).ToArray();
        var y = NpyFile.Read(Path.Combine(dir.File("out"), "y.npy"));
        Assert.Equal([1L, 3L], y.Dims);
        float[] actual = y.ToArray<float>();
        for (int j = 0; j < 3; j++) Assert.Equal(expected[j], actual[j], 5);
    }

    [Fact]
    public void Generates_seeded_inputs_sized_by_shape_options_and_reports_json()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(TestModels.Dense(), dir.File("dense.onnx"));
        var first = CliRunner.Run("run", dir.File("dense.onnx"), "--shape", "N=3", "--seed", "7", "--json");
        var second = CliRunner.Run("run", dir.File("dense.onnx"), "--shape", "N=3", "--seed", "7", "--json");
        Assert.Equal(0, first.ExitCode);
        using var json = JsonDocument.Parse(first.Output);
        var output = json.RootElement.GetProperty("outputs")[0].GetProperty("summary");
        Assert.Equal("y", output.GetProperty("name").GetString());
        Assert.Equal([3, 3], output.GetProperty("dims").EnumerateArray().Select(d => d.GetInt64()));
        Assert.Equal("random (seed 7)", json.RootElement.GetProperty("inputs")[0].GetProperty("location").GetString());
        using var again = JsonDocument.Parse(second.Output);
        Assert.Equal(output.GetProperty("mean").GetDouble(), again.RootElement.GetProperty("outputs")[0].GetProperty("summary").GetProperty("mean").GetDouble());
    }

    [Fact]
    public void Writes_pb_outputs_on_request()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(TestModels.Dense(), dir.File("dense.onnx"));
        var result = CliRunner.Run("run", dir.File("dense.onnx"), "-o", dir.File("out"), "--output-format", "pb");
        Assert.Equal(0, result.ExitCode);
        var y = TensorProtoFile.Read(Path.Combine(dir.File("out"), "y.pb"));
        Assert.Equal("y", y.Name);
        Assert.Equal([1L, 3L], y.Dims);
    }

    [Theory]
    [InlineData("cuda", "CUDA runtime and cuDNN")]
    [InlineData("tensorrt", "TensorRT (libnvinfer)")]
    public void An_unavailable_provider_fails_naming_what_is_missing(string provider, string missing)
    {
        using var dir = new TempFolder();
        OnnxFile.Save(TestModels.Dense(), dir.File("dense.onnx"));
        var result = CliRunner.Run("run", dir.File("dense.onnx"), "--ep", provider);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Reference the OnnxKit.Runtime.Gpu package", result.Error);
        Assert.Contains(missing, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void Auto_says_which_provider_it_chose()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(TestModels.Dense(), dir.File("dense.onnx"));
        var result = CliRunner.Run("run", dir.File("dense.onnx"), "--ep", "auto");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("execution provider: CPUExecutionProvider (auto)", result.Error);
    }

    [Fact]
    public void Bad_shapes_and_inputs_are_explained()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(TestModels.Dense(), dir.File("dense.onnx"));
        var shape = CliRunner.Run("run", dir.File("dense.onnx"), "--shape", "N=three");
        Assert.Equal(2, shape.ExitCode);
        Assert.Contains("'three' is not a non-negative integer", shape.Error);
        NpyFile.Write(dir.File("wrong.npy"), DenseTensor.FromFloats(new float[10], [2, 5]));
        var input = CliRunner.Run("run", dir.File("dense.onnx"), "--input", $"x={dir.File("wrong.npy")}");
        Assert.Equal(1, input.ExitCode);
        Assert.Contains("expected shape [N,4], got [2,5]", input.Error);
    }

    [Fact]
    public void The_reference_backend_gives_the_same_outputs_as_onnx_runtime()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(TestModels.Dense(), dir.File("dense.onnx"));
        NpyFile.Write(dir.File("x.npy"), DenseTensor.FromFloats([1, -2, 0.5f, 3, 0.25f, 4, -1, 2], [2, 4]));
        var reference = CliRunner.Run("run", dir.File("dense.onnx"), "--input", $"x={dir.File("x.npy")}", "--backend", "reference", "--output-dir", dir.File("ref"));
        var ort = CliRunner.Run("run", dir.File("dense.onnx"), "--input", $"x={dir.File("x.npy")}", "--backend", "ort", "--output-dir", dir.File("ort"));
        Assert.Equal(0, reference.ExitCode);
        Assert.Equal(0, ort.ExitCode);
        Assert.Contains("reference", reference.Output);
        float[] a = NpyFile.Read(Path.Combine(dir.File("ref"), "y.npy")).ToArray<float>();
        float[] b = NpyFile.Read(Path.Combine(dir.File("ort"), "y.npy")).ToArray<float>();
        Assert.Equal(b.Length, a.Length);
        for (int i = 0; i < a.Length; i++) Assert.Equal(b[i], a[i], 5);
    }

    [Fact]
    public void The_reference_backend_names_an_operator_it_lacks_with_its_opset()
    {
        using var dir = new TempFolder();
        var model = TestModels.Dense();
        model.Graph.Nodes.Last!.Domain = "com.example";
        model.OpsetImports.Add(new OpsetImport("com.example", 2));
        OnnxFile.Save(model, dir.File("custom.onnx"));
        var result = CliRunner.Run("run", dir.File("custom.onnx"), "--backend", "reference");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Relu", result.Error);
        Assert.Contains("com.example", result.Error);
        Assert.Contains("opset 2", result.Error);
    }
}
