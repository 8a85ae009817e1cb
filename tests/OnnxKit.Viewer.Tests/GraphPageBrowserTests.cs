using System.Text.RegularExpressions;
using OnnxKit.Ir;
using OnnxKit.Tests.TestSupport;
using OnnxKit.Viewer.Profiles;
using OnnxKit.Viewer.Tests.TestSupport;
using Xunit.Abstractions;

namespace OnnxKit.Viewer.Tests;

/// <summary>The graph page as a person meets it: loaded in headless Chromium, searched, clicked, screenshotted.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GraphPageBrowserTests(ITestOutputHelper output) : IDisposable
{
    private readonly PageFiles files = new();

    [ChromiumFact]
    public void Every_node_of_a_thousand_node_model_is_drawn()
    {
        var model = SyntheticModels.ResNetLike(100);
        Assert.True(model.Graph.Nodes.Count >= 1000);
        string page = files.Write("resnet100.html", ViewerPage.Render(model, "resnet100.onnx"));

        var dom = new PageDom(Chromium.DumpDom(page));

        AssertRendered(dom);
        Assert.Equal(ExpectedBoxes(model.Graph).Order(StringComparer.Ordinal), dom.NodeNames().Order(StringComparer.Ordinal));
        output.WriteLine($"{model.Graph.Nodes.Count} nodes: page ready {dom.BodyData("render-ms")} ms after navigation, of which layout {dom.BodyData("layout-ms")} ms");
    }

    [ChromiumFact]
    public void A_graph_too_deep_for_one_layout_pass_is_laid_out_in_bands_with_every_node_drawn()
    {
        var graph = new Graph("chain");
        Value current = new("x", SyntheticModels.Tensor(DataType.Float, 8));
        graph.Inputs.Add(current);
        for (int i = 0; i < 2500; i++) current = SyntheticModels.Add(graph, "Relu", $"relu{i}", [current], SyntheticModels.Tensor(DataType.Float, 8));
        graph.Outputs.Add(current);
        string page = files.Write("chain.html", ViewerPage.Render(new Model(graph, 8, [new OpsetImport("", 17)]), "chain.onnx"));

        var dom = new PageDom(Chromium.DumpDom(page));

        AssertRendered(dom);
        Assert.Contains("laid out in bands", dom.Html);
        Assert.Equal(ExpectedBoxes(graph).Order(StringComparer.Ordinal), dom.NodeNames().Order(StringComparer.Ordinal));
    }

    [ChromiumFact]
    public void Searching_a_node_name_selects_it_and_the_side_panel_shows_its_attributes_shapes_and_weights()
    {
        string page = files.Write("resnet3.html", ViewerPage.Render(SyntheticModels.ResNetLike(3), "resnet3.onnx"));

        var dom = new PageDom(Chromium.DumpDom(page, "search=block1_b_conv&pick=0"));

        AssertRendered(dom);
        Assert.Contains("selected", dom.NodeClassesByName()["block1_b_conv"].Single());
        string panel = dom.SidebarText() ?? throw new Xunit.Sdk.XunitException("The side panel is not open.");
        foreach (var expected in new[] { "Conv", "block1_b_conv", "kernel_shape", "[3,3]", "block1_a_relu_y", "float[N,8,28,28]", "block1_b.weight", "float[8,8,3,3]", "sparsity", "std" })
        {
            Assert.Contains(expected, panel);
        }

        string histogram = Regex.Match(dom.Sidebar()!, @"<svg class=""hist"".*?</svg>", RegexOptions.Singleline).Value;
        Assert.Equal(32, Regex.Matches(histogram, "<rect").Count);
    }

    [ChromiumFact]
    public void Searching_an_op_type_lists_and_marks_every_node_of_that_type()
    {
        var model = SyntheticModels.ResNetLike(3);
        string page = files.Write("resnet3.html", ViewerPage.Render(model, "resnet3.onnx"));

        var dom = new PageDom(Chromium.DumpDom(page, "search=BatchNormalization"));

        int expected = model.Graph.Nodes.Count(n => n.OpType == "BatchNormalization");
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), Regex.Match(dom.Html, @"id=""search-results""[^>]*data-count=""(\d+)""").Groups[1].Value);
        Assert.Equal(expected, dom.NodeClassesByName().Count(g => g.Single().Contains("match", StringComparison.Ordinal)));
    }

    [ChromiumFact]
    public void Searching_a_tensor_name_shows_its_type_producer_and_users()
    {
        string page = files.Write("resnet2.html", ViewerPage.Render(SyntheticModels.ResNetLike(2), "resnet2.onnx"));

        var dom = new PageDom(Chromium.DumpDom(page, "search=block0_b_relu_y&pick=0"));

        string panel = dom.SidebarText() ?? throw new Xunit.Sdk.XunitException("The side panel is not open.");
        foreach (var expected in new[] { "Tensor", "block0_b_relu_y", "float[N,8,28,28]", "Produced by", "block0_b_relu", "Used by", "block0_c_conv" })
        {
            Assert.Contains(expected, panel);
        }
    }

    [ChromiumFact]
    public void The_screenshot_shows_coloured_nodes_on_the_canvas()
    {
        string page = files.Write("resnet2.html", ViewerPage.Render(SyntheticModels.ResNetLike(2), "resnet2.onnx"));

        var image = PngImage.Decode(Chromium.Screenshot(page, width: 1200, height: 800));

        Assert.Equal((1200, 800), (image.Width, image.Height));
        int convolutionBlue = 0x2d62a3, activationRed = 0xb23b3b, background = 0xf6f7f9;
        var counts = new Dictionary<int, int>();
        for (int y = 60; y < image.Height - 30; y++)
        {
            for (int x = 0; x < image.Width; x++) counts[image.Rgb(x, y)] = counts.GetValueOrDefault(image.Rgb(x, y)) + 1;
        }

        int total = counts.Values.Sum();
        Assert.True(counts.GetValueOrDefault(background) < total * 0.98, "The graph area is (almost) all background.");
        Assert.True(counts.GetValueOrDefault(convolutionBlue) > 200, "No Conv header is visible.");
        Assert.True(counts.GetValueOrDefault(activationRed) > 200, "No Relu header is visible.");
    }

    [ChromiumFact]
    public void Subgraphs_of_If_and_Loop_expand_in_place()
    {
        var model = SyntheticModels.WithControlFlow();
        string page = files.Write("control-flow.html", ViewerPage.Render(model, "control-flow.onnx"));
        string[] inner = ["then_scale", "else_neg", "else_shift", "keep_going", "accumulate", "clamp"];

        var collapsed = new PageDom(Chromium.DumpDom(page));
        var expanded = new PageDom(Chromium.DumpDom(page, "expand=choose&expand=repeat"));

        AssertRendered(collapsed);
        Assert.Empty(collapsed.NodeNames().Intersect(inner));
        Assert.Equal(ExpectedBoxes(model.Graph).Order(StringComparer.Ordinal), collapsed.NodeNames().Order(StringComparer.Ordinal));
        Assert.Subset(expanded.NodeNames().ToHashSet(), inner.ToHashSet());
    }

    [ChromiumFact]
    public void A_diff_page_marks_removed_and_changed_nodes_side_by_side_and_overlaid()
    {
        var before = SyntheticModels.ResNetLike(2);
        var after = SyntheticModels.ResNetLike(2, foldBatchNorm: true);
        string page = files.Write("diff.html", ViewerPage.RenderDiff(before, "before.onnx", after, "after.onnx"));
        var batchNorms = before.Graph.Nodes.Where(n => n.OpType == "BatchNormalization").Select(n => n.Name!).Order(StringComparer.Ordinal).ToList();

        var side = new PageDom(Chromium.DumpDom(page));
        var overlay = new PageDom(Chromium.DumpDom(page, "mode=overlay"));

        AssertRendered(side);
        Assert.Equal(batchNorms, side.NodeClassesByName().Where(g => g.Any(c => c.Contains("diff-removed", StringComparison.Ordinal))).Select(g => g.Key).Order(StringComparer.Ordinal));
        Assert.All(after.Graph.Nodes.Where(n => n.OpType == "Conv"), conv => Assert.Contains("diff-changed", side.NodeClassesByName()[conv.Name!].First()));
        var union = ExpectedBoxes(before.Graph).Union(ExpectedBoxes(after.Graph)).Order(StringComparer.Ordinal);
        Assert.Equal(union, overlay.NodeNames().Distinct().Order(StringComparer.Ordinal));
    }

    [ChromiumFact]
    public void The_current_view_exports_to_svg_and_png()
    {
        string page = files.Write("resnet1.html", ViewerPage.Render(SyntheticModels.ResNetLike(1), "resnet1.onnx"));

        var svg = new PageDom(Chromium.DumpDom(page, "export=svg"));
        Assert.True(int.Parse(svg.BodyData("export-svg") ?? "0", System.Globalization.CultureInfo.InvariantCulture) > 10_000);

        // The PNG is drawn from the SVG once the browser has decoded it as an image, which happens off the
        // page's virtual clock: a dump can come first. Up to three loads; the export must succeed in one.
        string? png = null;
        for (int attempt = 0; attempt < 3 && png is null; attempt++) png = new PageDom(Chromium.DumpDom(page, "export=png")).BodyData("export-png");
        Assert.Matches(@"^\d+x\d+$", png ?? "");
    }

    [ChromiumFact]
    public void Profile_times_and_precisions_colour_the_nodes()
    {
        var model = SyntheticModels.ResNetLike(1);
        var timings = NodeTimings.Parse(System.Text.Json.JsonDocument.Parse("""{ "block0_a_conv": 1.25, "fc": 0.5 }""").RootElement);
        string page = files.Write("timed.html", ViewerPage.Render(model, "timed.onnx", new ViewerOptions { Timings = timings }));

        var timed = new PageDom(Chromium.DumpDom(page, "colour=time"));
        var precision = new PageDom(Chromium.DumpDom(page, "colour=precision"));

        Assert.Matches(@"data-name=""block0_a_conv""[^>]*>(?:(?!</g>).)*1\.25 ms", Regex.Replace(timed.Html, @"\s+", " "));
        Assert.Contains(">fp32<", precision.Html);
    }

    [ChromiumFact(SharedData.BackendNodeFolder)]
    public void Every_node_of_conformance_models_with_control_flow_and_recurrences_is_drawn()
    {
        foreach (var name in new[] { "test_if", "test_loop11", "test_scan9_sum", "test_lstm_defaults", "test_gemm_default_single_elem_vector_bias" })
        {
            var model = Serialization.OnnxFile.Load(RepositoryPaths.Shared($"{SharedData.BackendNodeFolder}/{name}/model.onnx"));
            string page = files.Write(name + ".html", ViewerPage.Render(model, name));
            var dom = new PageDom(Chromium.DumpDom(page));
            AssertRendered(dom);
            Assert.Equal(ExpectedBoxes(model.Graph).Order(StringComparer.Ordinal), dom.NodeNames().Order(StringComparer.Ordinal));
        }
    }

    [ChromiumFact]
    public void Constant_node_weights_fold_into_their_consumers_and_subgraph_edges_are_labelled()
    {
        var model = SyntheticModels.WithConstantWeights();
        string page = files.Write("constants.html", ViewerPage.Render(model, "constants.onnx"));
        string[] constants = ["weight", "zero", "then_s", "then_b", "else_b"];

        var collapsed = new PageDom(Chromium.DumpDom(page));
        var expanded = new PageDom(Chromium.DumpDom(page, "expand=choose"));
        var shot = Screenshot(page, "expand=choose", "constants-expanded");

        AssertRendered(expanded);
        Assert.Equal(["any_positive", "choose", "choose_y", "positive", "project", "x"], collapsed.NodeNames().Order(StringComparer.Ordinal));
        Assert.Empty(expanded.NodeNames().Intersect(constants));
        Assert.Subset(expanded.NodeNames().ToHashSet(), new HashSet<string> { "then_scale", "then_bias", "else_bias" });
        var labels = EdgeLabels(expanded.Html);
        Assert.DoesNotContain("undefined", labels);
        Assert.Contains("float 1×3", labels);
        // Dashed lines from the If only to the subgraph nodes it feeds (they read 'project' from outside), none to constants.
        Assert.Equal(2, Regex.Matches(expanded.Html, @"<g class=""edge control""").Count);
        Assert.True(Drawn(shot, 0, shot.Width) > 5_000, "The expanded graph is not visible in the screenshot.");
    }

    [ChromiumFact]
    public void A_diff_page_opens_with_both_models_visible()
    {
        string page = files.Write("diff-open.html", ViewerPage.RenderDiff(
            SyntheticModels.ResNetLike(4), "before.onnx", SyntheticModels.ResNetLike(4, foldBatchNorm: true), "after.onnx"));

        var shot = Screenshot(page, "", "diff-opened", width: 1400, height: 900);

        int half = shot.Width / 2, left = Drawn(shot, 20, half - 20), right = Drawn(shot, half + 20, shot.Width - 20);
        output.WriteLine($"drawn pixels: left pane {left}, right pane {right}");
        Assert.True(left > 5_000, $"The left pane (the original) shows almost nothing: {left} drawn pixels.");
        Assert.True(right > 5_000, $"The right pane shows almost nothing: {right} drawn pixels.");
    }

    public void Dispose() => files.Dispose();

    /// <summary>Pixels of the graph area (below the toolbar) between columns <paramref name="left"/> and <paramref name="right"/> that are not the page background.</summary>
    private static int Drawn(PngImage image, int left, int right)
    {
        const int background = 0xf6f7f9;
        int count = 0;
        for (int y = 60; y < image.Height - 30; y++)
        {
            for (int x = left; x < right; x++) count += image.Rgb(x, y) == background ? 0 : 1;
        }
        return count;
    }

    /// <summary>The text of every edge label in the DOM.</summary>
    private static string[] EdgeLabels(string html) =>
        Regex.Matches(html, @"<g class=""edge[^""]*""[^>]*>.*?</g>", RegexOptions.Singleline)
            .SelectMany(edge => Regex.Matches(edge.Value, @"<text[^>]*>([^<]*)</text>").Select(t => System.Net.WebUtility.HtmlDecode(t.Groups[1].Value)))
            .ToArray();

    /// <summary>
    /// Takes a screenshot; when ONNXKIT_SCREENSHOT_DIR is set it is also saved there as NAME.png for a person to look at.
    /// </summary>
    private PngImage Screenshot(string page, string fragment, string name, int width = 1200, int height = 800)
    {
        byte[] png = Chromium.Screenshot(page, fragment, width, height);
        if (Environment.GetEnvironmentVariable("ONNXKIT_SCREENSHOT_DIR") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, name + ".png"), png);
            output.WriteLine($"screenshot: {Path.Combine(folder, name + ".png")}");
        }
        return PngImage.Decode(png);
    }

    private static void AssertRendered(PageDom dom)
    {
        Assert.Null(dom.BodyData("error"));
        Assert.Equal("1", dom.BodyData("ready"));
    }

    /// <summary>The boxes a graph should show: one per node (by name), plus one per input (not a weight) and output.</summary>
    private static IEnumerable<string> ExpectedBoxes(Graph graph) =>
        graph.Nodes.Select(n => n.Name ?? "")
            .Concat(graph.Inputs.Where(v => v.ConstValue is null).Select(v => v.Name))
            .Concat(graph.Outputs.Select(v => v.Name));
}
