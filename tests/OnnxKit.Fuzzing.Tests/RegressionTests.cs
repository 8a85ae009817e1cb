using System.Text.Json;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Fuzzing.Tests;

/// <summary>
/// Replays every input the fuzzer kept (<c>fuzz/regressions</c>: a model or array and a JSON file saying how it
/// failed) through the in-process pipeline and, where a command was recorded, through that command under limits.
/// </summary>
public sealed class RegressionTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal)) data.Add(Path.GetFileNameWithoutExtension(file));
        if (data.Count == 0) data.Add("");
        return data;
    }

    private static string Folder => Path.Combine(RepositoryPaths.Root, "fuzz", "regressions");

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_kept_input_no_longer_fails(string id)
    {
        if (id == "") return; // no regression kept yet
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, id + ".json")));
        string input = Directory.EnumerateFiles(Folder, id + ".*").Single(f => !f.EndsWith(".json", StringComparison.Ordinal));
        using var dir = new TempFolder();
        using var workspace = new Workspace(dir.Path, "w");
        byte[] bytes = File.ReadAllBytes(input);
        var finding = input.EndsWith(".npy", StringComparison.Ordinal)
            ? PipelineHarness.RunNumpy(bytes, workspace.Folder)
            : PipelineHarness.Run(bytes, workspace.Folder, TimeSpan.FromSeconds(20));
        Assert.Null(finding);
        if (record.RootElement.GetProperty("Command") is { ValueKind: JsonValueKind.Array } command)
        {
            string model = workspace.PathOf("model.onnx");
            File.WriteAllBytes(model, bytes);
            var parts = command.EnumerateArray().Select(e => e.GetString()!).ToArray();
            var harness = new CliHarness(Path.Combine(AppContext.BaseDirectory, "onnxkit.dll"));
            Assert.Null(harness.Check(parts, model, workspace.Folder));
        }
    }
}
