using OnnxKit.Evaluation.Metrics;

namespace OnnxKit.Evaluation.Analysis;

/// <summary>Thins a curve to at most a given number of points for reports, keeping its first and last.</summary>
internal static class CurveSampler
{
    public static double[][] Thin(IReadOnlyList<CurvePoint> curve, int maxPoints)
    {
        // By index, not by enumerating: the curves are computed views, and a point costs a few divisions when read.
        int count = curve.Count;
        bool thinned = count > maxPoints;
        var points = new double[thinned ? maxPoints : count][];
        for (int i = 0; i < points.Length; i++)
        {
            var p = curve[thinned ? (int)Math.Round((double)i * (count - 1) / (maxPoints - 1)) : i];
            points[i] = [p.X, p.Y];
        }
        return points;
    }
}
