using System.Text.Json;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Cli.Tests;

public sealed class SummaryCommandTests
{
    [Fact]
    public void ZooModelSummaryHasTheDocumentedTotal()
    {
        var result = InProcessCli.Run("summary", "vgg16");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Model: \"vgg16\"", result.Output);
        Assert.Contains("Total params: 138,357,544", result.Output);
    }

    [Fact]
    public void LayerGroupedFileSummaryMatchesTheZooSummaryAsJson()
    {
        using var dir = new TempFolder();
        Assert.Equal(0, InProcessCli.Run("export", "composable-maxpool-learner", "-o", dir.File("c.onnx")).ExitCode);
        // The node view counts every stored tensor, as inspect does: Keras's 243,530 and the two axes of a Squeeze Constant.
        Assert.Contains("Total params: 243,532 (951.3 KiB; 2 in Constant nodes)", InProcessCli.Run("summary", dir.File("c.onnx")).Output);
        var result = InProcessCli.Run("summary", dir.File("c.onnx"), "--layers", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(243_530, json.RootElement.GetProperty("totalParameters").GetInt64());
        Assert.Equal(704, json.RootElement.GetProperty("nonTrainableParameters").GetInt64());
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["input_1", "stem", "learner", "classifier"], rows);
    }

    [Fact]
    public void MissingFileAndUnknownNameFail()
    {
        var missing = InProcessCli.Run("summary", "missing.onnx");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("missing.onnx", missing.Error);
        var unknown = InProcessCli.Run("summary", "no-such-model");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no-such-model", unknown.Error);
    }

    [Fact]
    public void ZooSummaryAsMarkdown()
    {
        var result = InProcessCli.Run("summary", "residual-mlp", "--markdown");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("| add (Add) | (None, 64) | 0 | dense[0][0], dense_2[0][0] |", result.Output);
        Assert.Contains("Total params: 55,082", result.Output);
    }
}
