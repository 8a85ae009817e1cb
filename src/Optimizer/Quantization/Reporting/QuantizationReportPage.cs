using System.Globalization;
using System.Net;
using System.Text;
using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Quantization.Reporting;

/// <summary>
/// The accuracy debugger's page: one self-contained HTML file (no scripts, no external resources) with
/// the settings, sizes and verification, the layers the accuracy budget put back to float, a bar per
/// quantized tensor of its SQNR ranked worst first (end-to-end for activations, with the tensor's own
/// quantization SQNR marked), histograms of the worst tensors with their quantization range drawn over
/// them, and the table of every tensor. Charts are inline SVG.
/// </summary>
public static class QuantizationReportPage
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>How many of the worst tensors get a histogram.</summary>
    public const int HistogramCount = 8;

    /// <summary>The page for <paramref name="report"/> of model <paramref name="title"/>.</summary>
    public static string Render(QuantizationReport report, string title)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Quantization report: ").Append(E(title)).Append("</title><style>")
            .Append("body{font:14px system-ui,sans-serif;margin:24px;color:#222}h1{font-size:20px}h2{font-size:16px;margin-top:28px}")
            .Append("table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}")
            .Append(".warn{color:#a15c00;font-weight:bold}.bad{color:#b00020}.ok{color:#1b7f3b}svg text{font:11px system-ui,sans-serif}")
            .Append("figure{display:inline-block;margin:8px 16px 8px 0}figcaption{font-size:12px;max-width:360px;word-break:break-all}")
            .Append("</style></head><body>");
        html.Append("<h1>Quantization report: ").Append(E(title)).Append("</h1>");
        Summary(html, report);
        foreach (var warning in report.Warnings) html.Append("<p class=\"warn\">Warning: ").Append(E(warning)).Append("</p>");
        foreach (var note in report.Notes) html.Append("<p>Note: ").Append(E(note)).Append("</p>");
        Verification(html, report);
        Budget(html, report);
        var ranked = report.Ranked().ToList();
        html.Append("<h2>SQNR by tensor, worst first</h2>");
        html.Append("<p>Activations: signal-to-quantization-noise ratio of the quantized model's value against the float model's on the evaluation samples " +
                    "(earlier layers' errors included; the tick marks the tensor's own rounding and clipping). Weights, biases and constants: their dequantized values against the float ones. " +
                    "About 6 dB per bit of well-used range.</p>");
        html.Append("<p>Bars: <span style=\"color:#3b6fb6\">■ activations</span> <span style=\"color:#d08a2e\">■ weights</span> <span style=\"color:#7a9a3a\">■ biases</span> <span style=\"color:#888\">■ other constants</span> <span style=\"color:#b00020\">| own quantization SQNR</span></p>");
        html.Append(Bars(ranked));
        html.Append("<h2>Histograms of the worst tensors</h2><p>Float values (log scale); the shaded band is the quantized range, values outside it are clipped.</p><div id=\"histograms\">");
        foreach (var t in ranked.Where(t => t.Histogram is not null).Take(HistogramCount))
            html.Append("<figure>").Append(HistogramSvg(t)).Append("<figcaption>").Append(E($"{t.Name} ({t.Role.ToString().ToLowerInvariant()}, {t.Node}): SQNR {Db(QuantizationReport.Score(t))} dB")).Append("</figcaption></figure>");
        html.Append("</div>");
        AllTensors(html, report);
        html.Append("</body></html>");
        return html.ToString();
    }

    private static void Summary(StringBuilder html, QuantizationReport report)
    {
        var o = report.Options;
        html.Append("<table id=\"summary\">");
        Row(html, "Mode", $"{o.Mode}" + (o.Mode == QuantizationMode.Static ? $", {o.Format}" : ""));
        Row(html, "Types", $"activations {o.ActivationType.OnnxName()}{(o.SymmetricActivations ? " symmetric" : "")}, weights {o.WeightType.OnnxName()}{(o.SymmetricWeights ? " symmetric" : "")}{(o.PerChannel ? " per channel" : "")}{(o.ReduceRange ? ", reduced range" : "")}");
        if (report.Calibration is { } c) Row(html, "Calibration", $"{c}: {report.CalibrationSamples} samples, {o.Calibration}");
        Row(html, "Quantized nodes", string.Join(", ", report.QuantizedNodes.Select(kv => $"{kv.Value} {kv.Key}")));
        Row(html, "Nodes", $"{report.Before.Nodes} → {report.After.Nodes}");
        Row(html, "Weight bytes", $"{report.Before.ParameterBytes:N0} → {report.After.ParameterBytes:N0} (×{Ratio(report.After.ParameterBytes, report.Before.ParameterBytes)})");
        Row(html, "Left in float", report.Kept.Count == 0 ? "none" : string.Join("; ", report.Kept.Take(20).Select(k => $"{k.Node} ({k.OpType}): {k.Reason}")) + (report.Kept.Count > 20 ? $"; and {report.Kept.Count - 20} more" : ""));
        if (report.Folded.Count > 0) Row(html, "Folded activations", string.Join(", ", report.Folded.Select(f => $"{f.Node} → {f.Into}")));
        html.Append("</table>");
    }

    private static void Verification(StringBuilder html, QuantizationReport report)
    {
        if (report.Verification is not { } v) return;
        html.Append("<h2>Quantized against float</h2><p>").Append(E($"{v.Samples} sample(s) of {v.Source}; budget: {(v.Budget.ToString() is { Length: > 0 } b ? b : "none")} — "))
            .Append(v.Passed ? "<span class=\"ok\">met</span>" : $"<span class=\"bad\">not met: {E(v.Failure!)}</span>").Append("</p>");
        html.Append("<table id=\"verification\"><tr><th>Output</th><th>Cosine</th><th>Relative error</th><th>Max |error|</th><th>SQNR (dB)</th><th>Top-1 agreement</th></tr>");
        foreach (var o in v.Outputs)
            html.Append("<tr><td>").Append(E(o.Name)).Append("</td>").Append(N(o.Cosine.ToString("0.#####", Invariant))).Append(N(o.RelativeError.ToString("0.####", Invariant)))
                .Append(N(o.MaxAbsoluteError.ToString("G4", Invariant))).Append(N(Db(o.Sqnr))).Append(N(o.Top1Agreement is { } a ? (100 * a).ToString("0.##", Invariant) + "%" : "")).Append("</tr>");
        html.Append("</table>");
        if (v.FloatAccuracy is { } f)
            html.Append("<p>").Append(E(FormattableString.Invariant($"Top-1 accuracy: float {f:0.##}%, quantized {v.QuantizedAccuracy:0.##}% ({-v.AccuracyDrop:+0.##;-0.##;0} points)."))).Append("</p>");
    }

    private static void Budget(StringBuilder html, QuantizationReport report)
    {
        if (report.Budget.Count == 0) return;
        html.Append("<h2>Accuracy budget: layers put back to float</h2><table id=\"budget\"><tr><th>Layer</th><th>Operator</th><th>SQNR (dB)</th><th>Worst cosine after</th><th>Top-1 drop after</th><th>Budget met</th></tr>");
        foreach (var s in report.Budget)
            html.Append("<tr><td>").Append(E(s.Node)).Append("</td><td>").Append(E(s.OpType)).Append("</td>").Append(N(Db(s.Sqnr))).Append(N(s.WorstCosine.ToString("0.#####", Invariant)))
                .Append(N(s.AccuracyDrop is { } d ? d.ToString("0.##", Invariant) : "")).Append("<td>").Append(s.Met ? "yes" : "no").Append("</td></tr>");
        html.Append("</table>");
        if (report.BudgetStart is { } start)
            html.Append("<p>").Append(E(FormattableString.Invariant($"Before the search: worst cosine {start.Outputs.Min(o => o.Cosine):0.#####}") + (start.AccuracyDrop is { } d ? FormattableString.Invariant($", top-1 drop {d:0.##} points") : "") + ".")).Append("</p>");
    }

    /// <summary>One horizontal bar per tensor, length proportional to SQNR (capped at 60 dB), coloured by role.</summary>
    private static string Bars(List<TensorQuantization> ranked)
    {
        const int label = 340, width = 420, row = 16;
        const double cap = 60;
        var svg = new StringBuilder();
        svg.Append(Invariant, $"<svg id=\"sqnr-bars\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{label + width + 60}\" height=\"{ranked.Count * row + 24}\">");
        for (int db = 0; db <= cap; db += 10)
        {
            double x = label + width * db / cap;
            svg.Append(Invariant, $"<line x1=\"{x:0.#}\" y1=\"0\" x2=\"{x:0.#}\" y2=\"{ranked.Count * row}\" stroke=\"#eee\"/><text x=\"{x:0.#}\" y=\"{ranked.Count * row + 14}\" text-anchor=\"middle\">{db} dB</text>");
        }
        for (int i = 0; i < ranked.Count; i++)
        {
            var t = ranked[i];
            double score = QuantizationReport.Score(t)!.Value;
            double length = width * Math.Clamp(double.IsPositiveInfinity(score) ? cap : score, 0, cap) / cap;
            string colour = t.Role switch { TensorRole.Activation => "#3b6fb6", TensorRole.Weight => "#d08a2e", TensorRole.Bias => "#7a9a3a", _ => "#888" };
            double y = i * row;
            svg.Append(Invariant, $"<g class=\"bar\" data-name=\"{E(t.Name)}\" data-sqnr=\"{Db(score)}\"><title>{E($"{t.Name} ({t.Role}, {t.Node}): {Db(score)} dB")}</title>")
                .Append(Invariant, $"<text x=\"{label - 6}\" y=\"{y + 12}\" text-anchor=\"end\">{E(Shorten(t.Name, 52))}</text>")
                .Append(Invariant, $"<rect x=\"{label}\" y=\"{y + 3}\" width=\"{length:0.#}\" height=\"{row - 5}\" fill=\"{colour}\"/>")
                .Append(Invariant, $"<text x=\"{label + length + 4:0.#}\" y=\"{y + 12}\">{Db(score)}</text>");
            if (t.LocalSqnr is { } local && t.ActivationSqnr is not null)
            {
                double lx = label + width * Math.Clamp(double.IsPositiveInfinity(local) ? cap : local, 0, cap) / cap;
                svg.Append(Invariant, $"<line class=\"local\" x1=\"{lx:0.#}\" y1=\"{y + 1}\" x2=\"{lx:0.#}\" y2=\"{y + row - 1}\" stroke=\"#b00020\" stroke-width=\"2\"/>");
            }
            svg.Append("</g>");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>The float values' histogram (log counts) with the quantized range shaded.</summary>
    private static string HistogramSvg(TensorQuantization t)
    {
        const int width = 360, height = 120;
        var h = t.Histogram!;
        double lo = Math.Min(h.Min, t.Min), hi = Math.Max(h.Max, t.Max);
        if (hi <= lo) hi = lo + 1;
        double X(double v) => width * (v - lo) / (hi - lo);
        var svg = new StringBuilder();
        svg.Append(Invariant, $"<svg class=\"hist\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height + 16}\">");
        svg.Append(Invariant, $"<rect class=\"range\" x=\"{X(t.Min):0.#}\" y=\"0\" width=\"{Math.Max(1, X(t.Max) - X(t.Min)):0.#}\" height=\"{height}\" fill=\"#dfe9f7\"/>");
        double top = Math.Log10(1 + h.Counts.DefaultIfEmpty(1).Max());
        double binWidth = (h.Max - h.Min) / h.Counts.Count;
        for (int k = 0; k < h.Counts.Count; k++)
        {
            if (h.Counts[k] == 0) continue;
            double x0 = X(h.Min + k * binWidth), x1 = X(h.Min + (k + 1) * binWidth), bar = height * Math.Log10(1 + h.Counts[k]) / top;
            svg.Append(Invariant, $"<rect x=\"{x0:0.##}\" y=\"{height - bar:0.##}\" width=\"{Math.Max(0.5, x1 - x0):0.##}\" height=\"{bar:0.##}\" fill=\"#3b6fb6\"/>");
        }
        svg.Append(Invariant, $"<text x=\"0\" y=\"{height + 13}\">{lo:G4}</text><text x=\"{width}\" y=\"{height + 13}\" text-anchor=\"end\">{hi:G4}</text></svg>");
        return svg.ToString();
    }

    private static void AllTensors(StringBuilder html, QuantizationReport report)
    {
        html.Append("<h2>Every quantized tensor</h2><table id=\"tensors\"><tr><th>Tensor</th><th>Role</th><th>Node</th><th>Type</th><th>Granularity</th><th>Range</th><th>Scale</th><th>Zero point</th><th>Weight SQNR</th><th>Activation SQNR</th><th>Own SQNR</th></tr>");
        foreach (var t in report.Tensors)
        {
            html.Append("<tr><td>").Append(E(t.Name)).Append("</td><td>").Append(t.Role.ToString().ToLowerInvariant()).Append("</td><td>").Append(E(t.Node)).Append("</td><td>")
                .Append(E(t.Type.OnnxName())).Append("</td><td>").Append(E(t.Granularity)).Append("</td>")
                .Append(N(FormattableString.Invariant($"[{t.Min:G4}, {t.Max:G4}]"))).Append(N(t.ScaleMin == t.ScaleMax ? t.ScaleMin.ToString("G4", Invariant) : FormattableString.Invariant($"{t.ScaleMin:G3}…{t.ScaleMax:G3}")))
                .Append(N(t.ZeroPoint.ToString(Invariant))).Append(N(Db(t.WeightSqnr))).Append(N(Db(t.ActivationSqnr))).Append(N(Db(t.LocalSqnr))).Append("</tr>");
        }
        html.Append("</table>");
    }

    private static void Row(StringBuilder html, string name, string value) => html.Append("<tr><th>").Append(E(name)).Append("</th><td>").Append(E(value)).Append("</td></tr>");

    private static string N(string text) => $"<td class=\"n\">{E(text)}</td>";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Db(double? db) => db switch
    {
        null => "",
        double.PositiveInfinity => "∞",
        double.NegativeInfinity => "-∞",
        double v => v.ToString("0.0", Invariant),
    };

    private static string Ratio(long after, long before) => before == 0 ? "" : ((double)after / before).ToString("0.000", Invariant);

    private static string Shorten(string text, int length) => text.Length <= length ? text : "…" + text[^(length - 1)..];
}
