using System.Text.Json;
using OnnxKit.Runtime.Tests.TestSupport;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Cli.Tests;

public sealed class BenchCommandTests
{
    [Fact]
    public void Compares_variants_side_by_side_and_writes_json_and_csv()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(RuntimeTestModels.SmallCnn(), dir.File("cnn.onnx"));
        OnnxFile.Save(RuntimeTestModels.SmallCnn(), dir.File("cnn_copy.onnx"));
        var result = CliRunner.Run("bench", dir.File("cnn.onnx"), dir.File("cnn_copy.onnx"), "--warmup", "2", "--iterations", "20",
            "--batch", "1,2", "--threads", "1", "--json", dir.File("bench.json"), "--csv", dir.File("bench.csv"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Latency (ms)", result.Output);
        Assert.Contains("Against the first model", result.Output);

        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("bench.json")));
        var root = json.RootElement;
        Assert.Equal(4, root.GetProperty("results").GetArrayLength());
        Assert.Equal(2, root.GetProperty("comparisons").GetArrayLength());
        Assert.Equal(20, root.GetProperty("results")[0].GetProperty("latency").GetProperty("count").GetInt32());
        Assert.Equal(Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetVersionString(), root.GetProperty("machine").GetProperty("onnxRuntimeVersion").GetString());
        string[] csv = File.ReadAllLines(dir.File("bench.csv"));
        Assert.Equal(5, csv.Length);
        Assert.StartsWith("model,batch,provider", csv[0]);
    }

    [Fact]
    public void Json_to_standard_output_is_machine_readable()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(RuntimeTestModels.AddOne(), dir.File("add.onnx"));
        var result = CliRunner.Run("bench", dir.File("add.onnx"), "--iterations", "5", "--warmup", "0", "--json", "-");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(0, json.RootElement.GetProperty("results")[0].GetProperty("managedBytesPerRun").GetDouble());
    }

    [Theory]
    [InlineData("--batch", "1,x", 2, "'x' is not an integer between 1 and")]
    [InlineData("--ep", "tensorrt", 1, "TensorRT")]
    [InlineData("--concurrency", "0", 2, "--concurrency 0 is out of range; it must be between 1 and 256")]
    public void Bad_options_are_explained(string option, string value, int exitCode, string message)
    {
        using var dir = new TempFolder();
        OnnxFile.Save(RuntimeTestModels.AddOne(), dir.File("add.onnx"));
        var result = CliRunner.Run("bench", dir.File("add.onnx"), "--iterations", "5", option, value);
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(message, result.Error);
    }
}
