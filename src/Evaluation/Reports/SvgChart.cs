using System.Globalization;
using System.Net;
using System.Text;

namespace OnnxKit.Evaluation.Reports;

/// <summary>
/// A line chart drawn as inline SVG: axes with ticks, a title, one polyline per series, an
/// optional diagonal, and a legend. Hand-written because the page must open offline and
/// self-contained, and a chart of polylines is a few dozen lines.
/// </summary>
internal sealed class SvgChart(string kind, string title, string xLabel, string yLabel, double xMax = 1, double yMax = 1)
{
    /// <summary>Where the legend goes: the corner the curves leave free.</summary>
    public enum Corner
    {
        /// <summary>Top right (lift, reliability).</summary>
        TopRight,

        /// <summary>Bottom right (ROC curves hug the top left).</summary>
        BottomRight,

        /// <summary>Bottom left (precision–recall curves hug the top right).</summary>
        BottomLeft,
    }

    private const int Width = 360, Height = 300, Left = 48, Right = 12, Top = 28, Bottom = 40;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly List<(string Name, string Colour, double[][] Points)> series = [];
    private readonly List<(double X, double Y, double Width, double Height, string Colour, string Tip)> bars = [];
    private bool diagonal;
    private Corner legend = Corner.TopRight;

    public SvgChart WithLegend(Corner corner)
    {
        legend = corner;
        return this;
    }

    /// <summary>The colours of successive series.</summary>
    public static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    public SvgChart WithDiagonal()
    {
        diagonal = true;
        return this;
    }

    public SvgChart Add(string name, string colour, double[][] points)
    {
        series.Add((name, colour, points));
        return this;
    }

    /// <summary>Adds a bar from y = 0 to <paramref name="height"/> over [x, x + width].</summary>
    public SvgChart AddBar(double x, double width, double height, string colour, string tip)
    {
        bars.Add((x, 0, width, height, colour, tip));
        return this;
    }

    public string Render()
    {
        var svg = new StringBuilder();
        svg.Append(Invariant, $"<svg class=\"plot\" data-kind=\"{kind}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{Encode(title)}\">");
        svg.Append(Invariant, $"<text class=\"title\" x=\"{Width / 2}\" y=\"16\" text-anchor=\"middle\">{Encode(title)}</text>");
        svg.Append(Invariant, $"<rect class=\"frame\" x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\"/>");
        for (int i = 0; i <= 4; i++)
        {
            double fx = xMax * i / 4, fy = yMax * i / 4;
            svg.Append(Invariant, $"<line class=\"grid\" x1=\"{X(fx):0.#}\" y1=\"{Top}\" x2=\"{X(fx):0.#}\" y2=\"{Height - Bottom}\"/>");
            svg.Append(Invariant, $"<line class=\"grid\" x1=\"{Left}\" y1=\"{Y(fy):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(fy):0.#}\"/>");
            svg.Append(Invariant, $"<text class=\"tick\" x=\"{X(fx):0.#}\" y=\"{Height - Bottom + 14}\" text-anchor=\"middle\">{fx:0.##}</text>");
            svg.Append(Invariant, $"<text class=\"tick\" x=\"{Left - 4}\" y=\"{Y(fy) + 4:0.#}\" text-anchor=\"end\">{fy:0.##}</text>");
        }
        svg.Append(Invariant, $"<text class=\"axis\" x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 6}\" text-anchor=\"middle\">{Encode(xLabel)}</text>");
        svg.Append(Invariant, $"<text class=\"axis\" transform=\"translate(12 {(Top + Height - Bottom) / 2}) rotate(-90)\" text-anchor=\"middle\">{Encode(yLabel)}</text>");
        if (diagonal) svg.Append(Invariant, $"<line class=\"diagonal\" x1=\"{X(0)}\" y1=\"{Y(0)}\" x2=\"{X(Math.Min(xMax, yMax)):0.#}\" y2=\"{Y(Math.Min(xMax, yMax)):0.#}\"/>");
        foreach (var (x, _, w, h, colour, tip) in bars)
        {
            double top = Y(Math.Min(h, yMax));
            svg.Append(Invariant, $"<rect class=\"bar\" x=\"{X(x):0.##}\" y=\"{top:0.##}\" width=\"{X(x + w) - X(x):0.##}\" height=\"{Y(0) - top:0.##}\" fill=\"{colour}\"><title>{Encode(tip)}</title></rect>");
        }
        foreach (var (name, colour, points) in series)
        {
            if (points.Length == 0) continue;
            svg.Append(Invariant, $"<polyline class=\"series\" data-name=\"{Encode(name)}\" stroke=\"{colour}\" points=\"");
            svg.AppendJoin(' ', points.Select(p => string.Create(Invariant, $"{X(Math.Min(p[0], xMax)):0.##},{Y(Math.Min(p[1], yMax)):0.##}")));
            svg.Append("\"><title>").Append(Encode(name)).Append("</title></polyline>");
        }
        int row = 0, shown = Math.Min(series.Count, 12);
        double left = legend == Corner.BottomLeft ? Left + 8 : Width - Right - 96;
        double first = legend == Corner.TopRight ? Top + 10 : Height - Bottom - 6 - 12 * (shown - 1);
        foreach (var (name, colour, _) in series.Take(shown))
        {
            double y = first + 12 * row++;
            svg.Append(Invariant, $"<g class=\"legend\"><line x1=\"{left}\" y1=\"{y - 4}\" x2=\"{left + 12}\" y2=\"{y - 4}\" stroke=\"{colour}\"/><text x=\"{left + 16}\" y=\"{y}\">{Encode(Shorten(name))}</text></g>");
        }
        return svg.Append("</svg>").ToString();
    }

    private double X(double v) => Left + v / xMax * (Width - Left - Right);

    private double Y(double v) => Height - Bottom - v / yMax * (Height - Top - Bottom);

    private static string Shorten(string text) => text.Length <= 16 ? text : text[..15] + "…";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
