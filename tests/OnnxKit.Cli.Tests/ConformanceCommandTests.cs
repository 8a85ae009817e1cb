using System.Text.Json;
using OnnxKit.Ir;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Cli.Tests;

public sealed class ConformanceCommandTests
{
    /// <summary>A case folder for y = Relu(x) with x = [-1, 2] and the given expected y.</summary>
    private static void WriteReluCase(string root, string name, float[] expected)
    {
        var graph = new Graph(name);
        var x = new Value("x", new TensorType(DataType.Float, Shape.Of(2)));
        graph.Inputs.Add(x);
        var relu = new Node("", "Relu", [x], ["y"]);
        graph.Nodes.Add(relu);
        graph.Outputs.Add(relu.Outputs[0]);
        string data = Path.Combine(root, name, "test_data_set_0");
        Directory.CreateDirectory(data);
        OnnxFile.Save(new Model(graph, 8, [new OpsetImport("", 14)]), Path.Combine(root, name, "model.onnx"));
        TensorProtoFile.Write(Path.Combine(data, "input_0.pb"), DenseTensor.FromFloats([-1, 2], [2]));
        TensorProtoFile.Write(Path.Combine(data, "output_0.pb"), DenseTensor.FromFloats(expected, [2]));
    }

    [Fact]
    public void PassingCasesExitZeroAndTheJsonFileHoldsEveryCase()
    {
        using var dir = new TempFolder();
        WriteReluCase(dir.Path, "test_relu_a", [0, 2]);
        WriteReluCase(dir.Path, "test_relu_b", [0, 2]);

        var result = InProcessCli.Run("conformance", dir.Path, "--json", dir.File("report.json"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("reference: 2 passed, 0 failed, 0 skipped of 2", result.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("report.json")));
        Assert.Equal(2, json.RootElement.GetProperty("passed").GetInt32());
    }

    [Fact]
    public void AFailingCaseExitsThreeAndShowsTheWorstError()
    {
        using var dir = new TempFolder();
        WriteReluCase(dir.Path, "test_relu_good", [0, 2]);
        WriteReluCase(dir.Path, "test_relu_bad", [0, 3]);

        var result = InProcessCli.Run("conformance", dir.Path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("test_relu_bad", result.Output);
        Assert.Contains("expected 3, got 2", result.Output);
        Assert.DoesNotContain("test_relu_good", result.Output);
    }

    [Fact]
    public void FilterRunsOnlyMatchingCasesAndUnknownBackendsAreUsageErrors()
    {
        using var dir = new TempFolder();
        WriteReluCase(dir.Path, "test_relu_a", [0, 2]);
        WriteReluCase(dir.Path, "test_other", [9, 9]);

        var filtered = InProcessCli.Run("conformance", dir.Path, "--filter", "relu");
        Assert.Equal(0, filtered.ExitCode);
        Assert.Contains("1 passed, 0 failed, 0 skipped of 1", filtered.Output);

        Assert.Equal(2, InProcessCli.Run("conformance", dir.Path, "--backend", "tensorflow").ExitCode);
        Assert.Equal(2, InProcessCli.Run("conformance", dir.File("missing")).ExitCode);
    }
}
