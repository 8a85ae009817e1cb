using System.Text.Json;
using System.Text.RegularExpressions;
using OnnxKit.Ir;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;
using OnnxKit.Viewer.Tests.TestSupport;

namespace OnnxKit.Viewer.Tests;

/// <summary>The page's content as written, without a browser.</summary>
public sealed class ViewerPageTests
{
    [Fact]
    public void The_page_is_self_contained()
    {
        string html = ViewerPage.Render(SyntheticModels.ResNetLike(1), "m.onnx");

        Assert.DoesNotMatch(new Regex(@"<(script|img|link|iframe)[^>]*\s(src|href)=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"@import|url\(\s*['""]?(https?:)?//", RegexOptions.IgnoreCase), html);
        Assert.Contains("dagre", html);
    }

    [Fact]
    public void Model_text_cannot_break_out_of_the_page()
    {
        var graph = new Graph("g");
        var x = new Value("</script><script>alert(1)</script>", SyntheticModels.Tensor(DataType.Float, 1));
        graph.Inputs.Add(x);
        graph.Outputs.Add(SyntheticModels.Add(graph, "Relu", "<b>bold</b>", [x], SyntheticModels.Tensor(DataType.Float, 1)));

        string html = ViewerPage.Render(new Model(graph, 8, [new OpsetImport("", 17)]), "<title>");

        Assert.DoesNotContain("alert(1)</script>", html);
        Assert.DoesNotContain("<b>bold</b>", html);
        Assert.DoesNotContain("<title><title>", html);
        using var data = PageFiles.EmbeddedData(html);
        Assert.Equal("</script><script>alert(1)</script>", data.RootElement.GetProperty("graphs")[0].GetProperty("nodes")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void Weights_fold_into_their_node_and_edges_carry_types()
    {
        string html = ViewerPage.Render(SyntheticModels.ResNetLike(1), "m.onnx");

        using var data = PageFiles.EmbeddedData(html);
        var graph = data.RootElement.GetProperty("graphs")[0];
        var conv = graph.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("name").GetString() == "stem_conv");
        var weight = conv.GetProperty("inputs")[1];
        Assert.Equal("W", weight.GetProperty("param").GetString());
        var tensor = data.RootElement.GetProperty("tensors")[weight.GetProperty("tensor").GetInt32()];
        Assert.Equal("stem.weight", tensor.GetProperty("name").GetString());
        Assert.Equal(16 * 3 * 3 * 3, tensor.GetProperty("stats").GetProperty("elementCount").GetInt64());
        Assert.DoesNotContain(graph.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("name").GetString() == "stem.weight");
        var edge = graph.GetProperty("edges").EnumerateArray().Single(e => e.GetProperty("value").GetString() == "stem_conv_y");
        Assert.Equal("float[N,16,28,28]", edge.GetProperty("label").GetString());
    }

    [SharedDataFact(SharedData.BackendNodeFolder)]
    public void Every_conformance_model_renders_with_a_box_per_node()
    {
        var failures = new List<string>();
        foreach (var path in SharedData.BackendModels())
        {
            var model = OnnxFile.Load(path);
            using var data = PageFiles.EmbeddedData(ViewerPage.Render(model, "model.onnx"));
            var boxes = data.RootElement.GetProperty("graphs")[0].GetProperty("nodes").EnumerateArray().Count(n => n.GetProperty("kind").GetString() == "op");
            // Constant nodes holding a tensor fold into their consumers unless they are a graph output.
            int expected = model.Graph.Nodes.Count(n => !(n.OpType == "Constant" && n.Attributes["value"]?.Value is ITensor && !model.Graph.Outputs.Contains(n.Outputs[0])));
            if (boxes != expected) failures.Add($"{path}: {boxes} boxes for {expected} nodes");
        }

        Assert.Empty(failures);
    }
}
