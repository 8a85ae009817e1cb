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

    [SharedDataFact(SharedData.BackendNodeFolder)]
    public void BothBackendsSkipDropoutThatDropsElementsAndCompareTheRest()
    {
        using var dir = new TempFolder();
        foreach (string folder in Directory.GetDirectories(RepositoryPaths.Shared(SharedData.BackendNodeFolder), "test_*dropout*"))
            CopyFolder(folder, Path.Combine(dir.Path, "cases", Path.GetFileName(folder)));

        var statuses = new Dictionary<string, Dictionary<string, string>>();
        foreach (string backend in new[] { "reference", "ort" })
        {
            InProcessCli.Run("conformance", Path.Combine(dir.Path, "cases"), "--backend", backend, "--json", dir.File($"{backend}.json"));
            using var json = JsonDocument.Parse(File.ReadAllText(dir.File($"{backend}.json")));
            statuses[backend] = json.RootElement.GetProperty("cases").EnumerateArray()
                .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);
        }

        Assert.True(statuses["reference"].Count >= 12, $"{statuses["reference"].Count} dropout cases found");
        Assert.Equal(statuses["reference"], statuses["ort"]);
        foreach (var (name, status) in statuses["reference"])
        {
            bool drops = name.StartsWith("test_training_dropout", StringComparison.Ordinal) && !name.Contains("zero_ratio", StringComparison.Ordinal);
            Assert.True(status == (drops ? "skipped" : "passed"), $"{name}: {status}");
        }
    }

    private static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (string file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        foreach (string folder in Directory.GetDirectories(source)) CopyFolder(folder, Path.Combine(target, Path.GetFileName(folder)));
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
