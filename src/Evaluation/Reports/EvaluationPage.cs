using System.Globalization;
using System.Net;
using System.Text;
using OnnxKit.Evaluation.Results;
using OnnxKit.Serialization;

namespace OnnxKit.Evaluation.Reports;

/// <summary>
/// The HTML view of an <see cref="EvaluationReport"/>: one self-contained page (no scripts, no
/// external files) with the models' table, the comparisons, and per model and classification
/// output the ROC, precision–recall and lift curves of every class, the confusion heat map and
/// the reliability diagram; with several models, per-class overlays of the models' ROC, PR and
/// lift curves and an overlay of their reliability. The report's JSON is embedded too.
/// </summary>
public static class EvaluationPage
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private const string Style = """
        body { font: 14px system-ui, sans-serif; margin: 24px; color: #222; }
        table { border-collapse: collapse; margin: 8px 0 20px; }
        th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        .plots { display: flex; flex-wrap: wrap; gap: 12px; }
        svg.plot { background: #fff; border: 1px solid #ddd; }
        svg .frame { fill: none; stroke: #999; }
        svg .grid { stroke: #eee; }
        svg .diagonal { stroke: #aaa; stroke-dasharray: 4 3; }
        svg .series { fill: none; stroke-width: 1.5; }
        svg .legend line { stroke-width: 2; }
        svg text { font-size: 10px; fill: #444; }
        svg .title { font-size: 12px; font-weight: 600; }
        svg .cell text { font-size: 9px; }
        .note { color: #a60; }
        """;

    /// <summary>Renders the page.</summary>
    public static string Render(EvaluationReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>OnnxKit evaluation</title><style>")
            .Append(Style).Append("</style></head><body>");
        html.Append("<h1>Evaluation</h1><p>Data: ").Append(Encode(report.Data)).Append(Invariant, $"; {report.Examples:N0} examples; preprocessing: ")
            .Append(Encode(report.Preprocessing)).Append("</p>");
        ModelsTable(html, report);
        ComparisonsTable(html, report);
        foreach (var model in report.Models)
        {
            foreach (var output in model.Outputs.Where(o => o.Classification is not null))
            {
                var c = output.Classification!;
                html.Append("<section class=\"model\" data-model=\"").Append(Encode(model.Name)).Append("\"><h2>")
                    .Append(Encode(model.Name)).Append(" — ").Append(Encode(output.Output)).Append("</h2><div class=\"plots\">");
                html.Append(PerClass("roc", "ROC (one vs rest)", "false positive rate", "true positive rate", c, k => k.Curves.Roc, diagonal: true));
                html.Append(PerClass("pr", "Precision–recall", "recall", "precision", c, k => k.Curves.PrecisionRecall, diagonal: false));
                html.Append(PerClass("lift", "Lift", "fraction of examples", "lift", c, k => k.Curves.Lift, diagonal: false, yMax: LiftMax(c)));
                html.Append(ConfusionHeatMap(c));
                html.Append(Reliability(c));
                html.Append("</div></section>");
            }
        }
        if (report.Models.Count > 1) Overlays(html, report);
        html.Append("<script type=\"application/json\" id=\"report-data\">")
            .Append(EvaluationJson.Serialize(report).Replace("</", "<\\/", StringComparison.Ordinal)).Append("</script>");
        return html.Append("</body></html>").ToString();
    }

    /// <summary>Writes the page to <paramref name="path"/> atomically.</summary>
    public static void Save(string html, string path) => AtomicFile.Write(path, stream =>
    {
        var bytes = Encoding.UTF8.GetBytes(html);
        stream.Write(bytes);
    });

    private static void ModelsTable(StringBuilder html, EvaluationReport report)
    {
        bool regression = report.Models.Any(m => m.Outputs.Any(o => o.Regression is not null));
        bool costs = report.Models.Any(m => m.Outputs.Any(o => o.Classification?.Cost is not null));
        html.Append("<table class=\"models\"><tr><th>Model</th><th>Output</th><th>Task</th><th>Accuracy</th><th>Base rate</th><th>Macro F1</th><th>Macro AUC</th><th>ECE</th>")
            .Append(regression ? "<th>MAE</th><th>RMSE</th><th>R²</th>" : "")
            .Append(costs ? "<th>Cost-weighted accuracy</th><th>Total cost</th><th>Cost per example</th>" : "").Append("<th>Run s</th></tr>");
        foreach (var model in report.Models)
        {
            foreach (var o in model.Outputs)
            {
                var c = o.Classification;
                html.Append("<tr><td>").Append(Encode(model.Name)).Append("</td><td>").Append(Encode(o.Output)).Append("</td><td>").Append(o.Task)
                    .Append("</td><td>").Append(Percent(c?.Accuracy ?? o.MultiLabel?.Accuracy)).Append("</td><td>").Append(Percent(c?.BaseRate))
                    .Append("</td><td>").Append(Number(c?.Macro.F1)).Append("</td><td>").Append(Number(c?.MacroAuc))
                    .Append("</td><td>").Append(Number(c?.Calibration.ExpectedCalibrationError));
                if (regression)
                {
                    html.Append("</td><td>").Append(Number(o.Regression?.MeanAbsoluteError)).Append("</td><td>").Append(Number(o.Regression?.RootMeanSquaredError))
                        .Append("</td><td>").Append(Number(o.Regression?.R2));
                }
                if (costs)
                {
                    var cost = c?.Cost;
                    html.Append("</td><td class=\"cost-weighted-accuracy\">").Append(Percent(cost?.WeightedAccuracy)).Append("</td><td>").Append(Number(cost?.Total))
                        .Append("</td><td>").Append(Number(cost?.PerExample));
                }
                html.Append("</td><td>").Append(model.Seconds.ToString("0.00", Invariant)).Append("</td></tr>");
            }
            foreach (var note in model.Notes) html.Append("<tr><td colspan=\"15\" class=\"note\">").Append(Encode(note)).Append("</td></tr>");
        }
        html.Append("</table>");
    }

    private static void ComparisonsTable(StringBuilder html, EvaluationReport report)
    {
        if (report.Comparisons.Count == 0) return;
        html.Append("<h2>Against ").Append(Encode(report.Models[0].Name)).Append("</h2><table class=\"comparisons\"><tr><th>Model</th><th>Output</th><th>Δ accuracy</th><th>Agreement</th><th>Changed</th><th>McNemar p (exact)</th><th>Classes changed (+gained/−lost)</th></tr>");
        foreach (var c in report.Comparisons)
        {
            html.Append("<tr><td>").Append(Encode(c.Model)).Append("</td><td>").Append(Encode(c.Output)).Append("</td><td>")
                .Append(c.AccuracyDelta is { } d ? (d * 100).ToString("+0.00;-0.00;0.00", Invariant) + " pt" : "").Append("</td><td>").Append(Percent(c.Agreement))
                .Append("</td><td>").Append(c.Changed.ToString(Invariant)).Append("</td><td>").Append(c.McNemar is { } m ? m.ExactPValue.ToString("0.####", Invariant) : "")
                .Append("</td><td>").Append(Encode(string.Join(", ", c.ChangedClasses.Select(x => $"{x.Name} +{x.Gained}/−{x.Lost}")))).Append("</td></tr>");
        }
        html.Append("</table>");
    }

    private static string PerClass(string kind, string title, string x, string y, ClassificationResult c, Func<ClassResult, double[][]> curve, bool diagonal, double yMax = 1)
    {
        var chart = new SvgChart(kind, title, x, y, 1, yMax).WithLegend(LegendFor(kind));
        if (diagonal) chart.WithDiagonal();
        foreach (var k in c.PerClass) chart.Add(k.Name, SvgChart.Palette[k.Index % SvgChart.Palette.Length], curve(k));
        return chart.Render();
    }

    private static SvgChart.Corner LegendFor(string kind) => kind switch
    {
        "roc" or "overlay-roc" => SvgChart.Corner.BottomRight,
        "pr" or "overlay-pr" => SvgChart.Corner.BottomLeft,
        _ => SvgChart.Corner.TopRight,
    };

    private static double LiftMax(ClassificationResult c) =>
        Math.Max(1, Math.Ceiling(c.PerClass.SelectMany(k => k.Curves.Lift).Select(p => p[1]).DefaultIfEmpty(1).Max()));

    private static string Reliability(ClassificationResult c)
    {
        var chart = new SvgChart("reliability", $"Reliability (ECE {c.Calibration.ExpectedCalibrationError:0.0000})", "confidence", "accuracy").WithDiagonal();
        foreach (var bin in c.Calibration.Bins.Where(b => b.Count > 0))
            chart.AddBar(bin.Lower, bin.Upper - bin.Lower, bin.Accuracy, "#9ecae1", $"{bin.Lower:0.0}–{bin.Upper:0.0}: {bin.Count} examples, accuracy {bin.Accuracy:0.000}, confidence {bin.MeanConfidence:0.000}");
        chart.Add("mean confidence", "#d62728", c.Calibration.Bins.Where(b => b.Count > 0).Select(b => new[] { b.MeanConfidence, b.Accuracy }).ToArray());
        return chart.Render();
    }

    private static string ConfusionHeatMap(ClassificationResult c)
    {
        int k = c.ClassNames.Count;
        const int size = 300, margin = 40;
        double cell = (double)(size - margin - 8) / k;
        var svg = new StringBuilder();
        svg.Append(Invariant, $"<svg class=\"plot\" data-kind=\"confusion\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size + 16}\" width=\"{size}\" height=\"{size + 16}\">");
        svg.Append(Invariant, $"<text class=\"title\" x=\"{size / 2}\" y=\"14\" text-anchor=\"middle\">Confusion (rows: true, columns: predicted)</text>");
        for (int t = 0; t < k; t++)
        {
            long rowTotal = c.ConfusionMatrix[t].Sum();
            svg.Append(Invariant, $"<text class=\"tick\" x=\"{margin - 4}\" y=\"{margin + 16 + (t + 0.5) * cell + 3:0.#}\" text-anchor=\"end\">{t}</text>");
            svg.Append(Invariant, $"<text class=\"tick\" x=\"{margin + (t + 0.5) * cell:0.#}\" y=\"{margin + 10}\" text-anchor=\"middle\">{t}</text>");
            for (int p = 0; p < k; p++)
            {
                long count = c.ConfusionMatrix[t][p];
                double share = rowTotal == 0 ? 0 : (double)count / rowTotal;
                int shade = (int)Math.Round(255 - 200 * share);
                string fill = t == p ? $"rgb({shade},{shade},255)" : $"rgb(255,{shade},{shade})";
                svg.Append(Invariant, $"<g class=\"cell\" data-true=\"{t}\" data-predicted=\"{p}\" data-count=\"{count}\"><rect x=\"{margin + p * cell:0.##}\" y=\"{margin + 16 + t * cell:0.##}\" width=\"{cell:0.##}\" height=\"{cell:0.##}\" fill=\"{fill}\"><title>{Encode(c.ClassNames[t])} predicted as {Encode(c.ClassNames[p])}: {count}</title></rect>");
                if (k <= 12) svg.Append(Invariant, $"<text x=\"{margin + (p + 0.5) * cell:0.#}\" y=\"{margin + 16 + (t + 0.5) * cell + 3:0.#}\" text-anchor=\"middle\"{(share > 0.5 ? " style=\"fill:#fff\"" : "")}>{count}</text>");
                svg.Append("</g>");
            }
        }
        return svg.Append("</svg>").ToString();
    }

    private static void Overlays(StringBuilder html, EvaluationReport report)
    {
        var outputs = report.Models[0].Outputs.Where(o => o.Classification is not null).Select(o => o.Output);
        foreach (string output in outputs)
        {
            var results = report.Models.Select(m => (m.Name, m.Outputs.FirstOrDefault(o => o.Output == output)?.Classification))
                .Where(r => r.Classification is not null).ToArray();
            if (results.Length < 2) continue;
            html.Append("<section class=\"overlays\"><h2>Models overlaid — ").Append(Encode(output)).Append("</h2>");
            foreach (var (kind, title, x, y, select, diagonal) in new (string, string, string, string, Func<ClassResult, double[][]>, bool)[]
            {
                ("overlay-roc", "ROC", "false positive rate", "true positive rate", k => k.Curves.Roc, true),
                ("overlay-pr", "Precision–recall", "recall", "precision", k => k.Curves.PrecisionRecall, false),
                ("overlay-lift", "Lift", "fraction of examples", "lift", k => k.Curves.Lift, false),
            })
            {
                html.Append("<h3>").Append(title).Append(" per class</h3><div class=\"plots\">");
                var first = results[0].Classification!;
                double yMax = kind == "overlay-lift" ? results.Max(r => LiftMax(r.Classification!)) : 1;
                for (int k = 0; k < first.PerClass.Count; k++)
                {
                    var chart = new SvgChart(kind, $"{title}: {first.ClassNames[k]}", x, y, 1, yMax).WithLegend(LegendFor(kind));
                    if (diagonal) chart.WithDiagonal();
                    for (int m = 0; m < results.Length; m++)
                    {
                        if (results[m].Classification!.PerClass.Count > k)
                            chart.Add(results[m].Name, SvgChart.Palette[m % SvgChart.Palette.Length], select(results[m].Classification!.PerClass[k]));
                    }
                    html.Append(chart.Render());
                }
                html.Append("</div>");
            }
            var reliability = new SvgChart("overlay-reliability", "Reliability", "confidence", "accuracy").WithDiagonal();
            for (int m = 0; m < results.Length; m++)
                reliability.Add(results[m].Name, SvgChart.Palette[m % SvgChart.Palette.Length],
                    results[m].Classification!.Calibration.Bins.Where(b => b.Count > 0).Select(b => new[] { b.MeanConfidence, b.Accuracy }).ToArray());
            html.Append("<div class=\"plots\">").Append(reliability.Render()).Append("</div></section>");
        }
    }

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.00", Invariant) + " %" : "";

    private static string Number(double? value) => value is { } v ? v.ToString("0.0000", Invariant) : "";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
