using OnnxKit.Evaluation.Metrics;

namespace OnnxKit.Evaluation.Analysis;

/// <summary>Thins a curve to at most a given number of points for reports, keeping its first and last.</summary>
internal static class CurveSampler
{
    public static double[][] Thin(IReadOnlyList<CurvePoint> curve, int maxPoints)
    {
        if (curve.Count <= maxPoints) return curve.Select(p => new[] { p.X, p.Y }).ToArray();
        var points = new double[maxPoints][];
        for (int i = 0; i < maxPoints; i++)
        {
            var p = curve[(int)Math.Round((double)i * (curve.Count - 1) / (maxPoints - 1))];
            points[i] = [p.X, p.Y];
        }
        return points;
    }
}
