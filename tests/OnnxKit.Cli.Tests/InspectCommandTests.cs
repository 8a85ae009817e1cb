using System.Text.Json;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Cli.Tests;

public sealed class InspectCommandTests
{
    [Fact]
    public void ReportsInputsOperatorsAndParameters()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(TestModels.Dense(), dir.File("dense.onnx"));
        var result = CliRunner.Run("inspect", dir.File("dense.onnx"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("MatMul", result.Output);
        Assert.Contains("[N, 4]", result.Output);
        Assert.Contains("15", result.Output); // 12 weights + 3 biases
    }

    [Fact]
    public void CountsWeightsInConstantNodesAndSaysSo()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(TestModels.DenseWithConstantWeights(), dir.File("dense.onnx"));
        var text = CliRunner.Run("inspect", dir.File("dense.onnx"));
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("15 (60 B; all in 2 Constant nodes)", text.Output);
        using var json = JsonDocument.Parse(CliRunner.Run("inspect", dir.File("dense.onnx"), "--json").Output);
        Assert.Equal(15, json.RootElement.GetProperty("parameterCount").GetInt64());
        Assert.Equal(15, json.RootElement.GetProperty("constantNodeParameterCount").GetInt64());
        Assert.Equal(2, json.RootElement.GetProperty("constantNodeCount").GetInt64());

        var summary = CliRunner.Run("summary", dir.File("dense.onnx"));
        Assert.Equal(0, summary.ExitCode);
        Assert.Contains("Total params: 15 (60 B; all in Constant nodes)", summary.Output);
    }

    [Fact]
    public void JsonOutputIsMachineReadable()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(TestModels.Dense(), dir.File("dense.onnx"), new SaveOptions { ExternalData = ExternalDataMode.External, SizeThreshold = 0 });
        var result = CliRunner.Run("inspect", dir.File("dense.onnx"), "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(8, root.GetProperty("irVersion").GetInt64());
        Assert.Equal(15, root.GetProperty("parameterCount").GetInt64());
        Assert.Equal("x", root.GetProperty("inputs")[0].GetProperty("name").GetString());
        Assert.Equal("N", root.GetProperty("inputs")[0].GetProperty("shape")[0].GetString());
        Assert.Equal("dense.onnx.data", root.GetProperty("externalData")[0].GetProperty("location").GetString());
        Assert.Equal(3, root.GetProperty("opHistogram").GetArrayLength());
    }

    [Fact]
    public void AMissingFileIsAUsageError()
    {
        var result = CliRunner.Run("inspect", "/no/such/model.onnx");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Error);
    }

    [Fact]
    public void ATruncatedModelIsReportedAsInvalidWithoutAStackTrace()
    {
        using var dir = new TempFolder();
        byte[] bytes = OnnxFile.ToBytes(TestModels.Dense());
        File.WriteAllBytes(dir.File("cut.onnx"), bytes[..(bytes.Length / 2)]);
        var result = CliRunner.Run("inspect", dir.File("cut.onnx"));
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("invalid model", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void AnUnknownOptionIsAUsageError()
    {
        var result = CliRunner.Run("inspect", "--no-such-option", "x.onnx");
        Assert.Equal(2, result.ExitCode);
    }
}
