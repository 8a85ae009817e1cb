using System.Globalization;
using System.Text.RegularExpressions;
using OnnxKit.Optimizer.Quantization;
using OnnxKit.Optimizer.Quantization.Reporting;
using OnnxKit.Tests.TestSupport;
using OnnxKit.Viewer.Tests.TestSupport;
using static OnnxKit.Optimizer.Tests.TestSupport.QuantizationFixtures;

namespace OnnxKit.Optimizer.Tests.Quantization;

/// <summary>
/// The accuracy debugger's page as a browser shows it: a real quantization's report, with activations measured
/// against the float model, rendered and loaded in headless Chromium; the DOM holds a bar per measured tensor
/// ranked worst first with the report's figures, histograms of the worst tensors, and the tables; the screenshot
/// shows the bars drawn.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class QuantizationReportPageBrowserTests : IDisposable
{
    private readonly TempFolder folder = new();

    [ChromiumFact]
    public void The_page_ranks_every_tensor_by_sqnr_with_bars_histograms_and_tables()
    {
        var model = ResidualCnn();
        var report = ModelQuantizer.Quantize(model, new QuantizeOptions { MeasureActivations = true }, Services(Batches(model, 6))).Report;
        string page = folder.File("report.html");
        File.WriteAllText(page, QuantizationReportPage.Render(report, "residual.onnx"));

        string dom = Chromium.DumpDom(page);

        var ranked = report.Ranked().ToList();
        var bars = Regex.Matches(dom, @"<g class=""bar"" data-name=""(?<name>[^""]+)"" data-sqnr=""(?<sqnr>[^""]+)""").ToList();
        Assert.Equal(ranked.Select(t => t.Name), bars.Select(b => b.Groups["name"].Value));
        var shown = bars.Select(b => b.Groups["sqnr"].Value).Where(s => s != "∞").Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(shown.Order(), shown);
        Assert.Equal(report.Tensors.Count(t => t.ActivationSqnr is not null), Regex.Matches(dom, @"<line class=""local""").Count);
        Assert.Equal(Math.Min(QuantizationReportPage.HistogramCount, ranked.Count(t => t.Histogram is not null)), Regex.Matches(dom, @"<svg class=""hist""").Count);
        Assert.Equal(report.Tensors.Count + 1, Regex.Matches(Regex.Match(dom, @"<table id=""tensors"">.*?</table>", RegexOptions.Singleline).Value, "<tr>").Count);
        Assert.Contains(report.Verification!.Outputs[0].Cosine.ToString("0.#####", CultureInfo.InvariantCulture), dom);

        var shot = PngImage.Decode(Chromium.Screenshot(page, width: 1200, height: 1400));
        int blue = 0;
        for (int y = 0; y < shot.Height; y += 2)
        {
            for (int x = 0; x < shot.Width; x += 2)
            {
                if (shot.Rgb(x, y) == 0x3b6fb6) blue++;
            }
        }
        Assert.True(blue > 500, $"only {blue} sampled pixels have the activation bars' colour");
    }

    public void Dispose() => folder.Dispose();
}
