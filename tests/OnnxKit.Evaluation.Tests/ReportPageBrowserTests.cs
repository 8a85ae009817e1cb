using System.Text.RegularExpressions;
using OnnxKit.Data;
using OnnxKit.Evaluation.Reports;
using OnnxKit.Evaluation.Tests.TestSupport;
using OnnxKit.Tests.TestSupport;
using OnnxKit.Viewer.Tests.TestSupport;

namespace OnnxKit.Evaluation.Tests;

/// <summary>The evaluation page as a browser shows it: loaded in headless Chromium, its plots counted in the DOM and seen in a screenshot.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportPageBrowserTests : IDisposable
{
    private const int Classes = 4, Examples = 300;
    private readonly TempFolder folder = new();

    [ChromiumFact]
    public void Every_plot_is_drawn_for_each_model_with_per_class_overlays()
    {
        var data = SyntheticData.Write(folder.File("d.npz"), Examples, Classes);
        var source = DataSources.Open(DataSpec.Parse(data.Path));
        using var first = new ScoringBackend("first", 1, 1, 1, 1);
        using var second = new ScoringBackend("second", 1.6f, 1, 1, 1);
        var report = EvaluationRunner.Run([new("first.onnx", first), new("second.onnx", second)], source, new EvaluationOptions { BatchSize = 64 });
        string page = folder.File("report.html");
        EvaluationPage.Save(EvaluationPage.Render(report), page);

        string dom = Chromium.DumpDom(page);

        var plots = Regex.Matches(dom, @"<svg class=""plot"" data-kind=""(?<kind>[^""]+)""").Select(m => m.Groups["kind"].Value).ToArray();
        foreach (var kind in new[] { "roc", "pr", "lift", "confusion", "reliability" }) Assert.Equal(2, plots.Count(p => p == kind));
        foreach (var kind in new[] { "overlay-roc", "overlay-pr", "overlay-lift" }) Assert.Equal(Classes, plots.Count(p => p == kind));
        Assert.Equal(1, plots.Count(p => p == "overlay-reliability"));

        var roc = Regex.Match(dom, @"<svg class=""plot"" data-kind=""roc"".*?</svg>", RegexOptions.Singleline).Value;
        var lines = Regex.Matches(roc, @"<polyline[^>]*points=""(?<points>[^""]+)""").Select(m => m.Groups["points"].Value.Split(' ')).ToArray();
        Assert.Equal(Classes, lines.Length);
        Assert.All(lines, l => Assert.True(l.Length >= 10, $"a ROC curve of {Examples} examples has only {l.Length} points"));

        var heat = Regex.Match(dom, @"<svg class=""plot"" data-kind=""confusion"".*?</svg>", RegexOptions.Singleline).Value;
        var counts = Regex.Matches(heat, @"data-count=""(\d+)""").Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(Classes * Classes, counts.Length);
        Assert.Equal(Examples, counts.Sum());
        Assert.Equal(report.Models[0].ConfusionMatrix!.SelectMany(r => r), counts);

        var overlay = Regex.Match(dom, @"<svg class=""plot"" data-kind=""overlay-roc"".*?</svg>", RegexOptions.Singleline).Value;
        Assert.Equal(["first.onnx", "second.onnx"], Regex.Matches(overlay, @"<polyline[^>]*data-name=""([^""]+)""").Select(m => m.Groups[1].Value));
    }

    [ChromiumFact]
    public void The_curves_show_in_a_screenshot()
    {
        var data = SyntheticData.Write(folder.File("d.npz"), Examples, Classes);
        using var model = new ScoringBackend("only", 1, 1, 1, 1);
        var report = EvaluationRunner.Run([new("only.onnx", model)], DataSources.Open(DataSpec.Parse(data.Path)), new EvaluationOptions());
        string page = folder.File("one.html");
        EvaluationPage.Save(EvaluationPage.Render(report), page);

        var image = PngImage.Decode(Chromium.Screenshot(page, width: 1400, height: 900));

        // The first class's curves are drawn in the palette's first colour, #1f77b4.
        int blue = 0;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
                if (image.Rgb(x, y) == 0x1f77b4) blue++;
        Assert.True(blue > 200, $"only {blue} pixels of the first class's colour are visible");
    }

    public void Dispose() => folder.Dispose();
}
