using System.Text.Json;
using OnnxKit.Checker;
using OnnxKit.Cli.Commands;
using OnnxKit.Cli.Rendering;
using OnnxKit.Inspection;
using OnnxKit.Tests.TestSupport;
using OnnxKit.Viewer.Text;

namespace OnnxKit.Cli.Tests;

/// <summary>
/// The light commands' JSON (source-generated, so the native front end can write it) is byte for byte what the
/// reflection-based <see cref="JsonOutput.Options"/> of every other command writes for the same report.
/// </summary>
public sealed class FrontEndReportJsonTests
{
    [Fact]
    public void Inspection_report_matches_the_reflection_serializer()
    {
        var report = ModelInspector.Inspect(TestModels.Dense()) with
        {
            Producer = null, // left out, as a null is everywhere
            Metadata = [new("author", "someone"), new("note", "quotes \" and <tags>")],
        };
        Assert.Equal(JsonSerializer.Serialize(report, JsonOutput.Options), JsonSerializer.Serialize(report, FrontEndReportJson.Default.ModelInspection));
    }

    [Fact]
    public void Graph_tree_matches_the_reflection_serializer()
    {
        var tree = GraphTreeBuilder.Build(TestModels.Dense(), "dense.onnx");
        Assert.NotEmpty(tree.Children);
        Assert.Equal(JsonSerializer.Serialize(tree, JsonOutput.Options), JsonSerializer.Serialize(tree, FrontEndReportJson.Default.TreeItem));
    }

    [Fact]
    public void Check_result_matches_the_reflection_serializer_with_severities_as_names()
    {
        var result = new CheckResult("m.onnx", false, 1, 1,
        [
            new CheckProblem(CheckSeverity.Error, "graph/node 'a'", "unknown-op", "no such operator"),
            new CheckProblem(CheckSeverity.Warning, "graph", "custom-domain", "unknown domain"),
        ]);
        string generated = JsonSerializer.Serialize(result, FrontEndReportJson.Default.CheckResult);
        Assert.Equal(JsonSerializer.Serialize(result, JsonOutput.Options), generated);
        Assert.Contains("\"severity\": \"Warning\"", generated);
    }
}
