using System.Globalization;
using OnnxKit.Ir;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Conformance;

/// <summary>Compares a backend's output with the expected one: kind, element type, shape, then elements.</summary>
internal sealed class OutputComparer
{
    private readonly Tolerance tolerance;

    /// <summary>Creates a comparer with the case's tolerance.</summary>
    public OutputComparer(Tolerance tolerance) => this.tolerance = tolerance;

    /// <summary>The largest absolute difference seen in float elements so far.</summary>
    public double WorstAbsolute { get; private set; }

    /// <summary>
    /// The largest relative difference seen in float elements so far, among elements large enough
    /// that the relative tolerance, not the absolute one, decides (relative error is noise near zero).
    /// </summary>
    public double WorstRelative { get; private set; }

    /// <summary>Null when <paramref name="actual"/> matches <paramref name="expected"/>; otherwise what differs.</summary>
    public string? Compare(RuntimeValue expected, RuntimeValue actual) => (expected, actual) switch
    {
        (TensorValue e, TensorValue a) => CompareTensors(e, a),
        (SequenceValue e, SequenceValue a) => CompareSequences(e, a),
        (OptionalValue e, OptionalValue a) => e.Content is null || a.Content is null
            ? (e.HasValue == a.HasValue ? null : $"expected {e.Describe()}, got {a.Describe()}")
            : Compare(e.Content, a.Content),
        (OptionalValue { Content: { } content }, _) => Compare(content, actual),
        _ => $"expected {expected.Describe()}, got {actual.Describe()}",
    };

    private string? CompareSequences(SequenceValue expected, SequenceValue actual)
    {
        if (expected.Items.Count != actual.Items.Count) return $"expected a sequence of {expected.Items.Count}, got {actual.Items.Count}";
        for (int i = 0; i < expected.Items.Count; i++)
        {
            if (Compare(expected.Items[i], actual.Items[i]) is { } problem) return $"sequence item {i}: {problem}";
        }
        return null;
    }

    private string? CompareTensors(TensorValue expected, TensorValue actual)
    {
        if (expected.ElementType != actual.ElementType || !expected.Dims.AsSpan().SequenceEqual(actual.Dims))
            return $"expected {expected.Describe()}, got {actual.Describe()}";
        if (expected.Data is string[] es)
        {
            var strings = actual.Array<string>();
            for (int i = 0; i < es.Length; i++)
            {
                if (es[i] != strings[i]) return $"element {i}: expected \"{es[i]}\", got \"{strings[i]}\"";
            }
            return null;
        }
        if (!expected.ElementType.IsFloatingPoint())
        {
            var el = ElementConverter.ToInt64s(expected);
            var al = ElementConverter.ToInt64s(actual);
            for (int i = 0; i < el.Length; i++)
            {
                if (el[i] != al[i]) return $"element {i}: expected {el[i]}, got {al[i]} (of {el.Length} elements)";
            }
            return null;
        }
        var allowed = tolerance.For(expected.ElementType);
        var e = ElementConverter.ToDoubles(expected);
        var a = ElementConverter.ToDoubles(actual);
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < e.Length; i++)
        {
            if (double.IsFinite(e[i]) && double.IsFinite(a[i]))
            {
                double diff = Math.Abs(a[i] - e[i]);
                WorstAbsolute = Math.Max(WorstAbsolute, diff);
                if (Math.Abs(e[i]) * allowed.Relative > allowed.Absolute) WorstRelative = Math.Max(WorstRelative, diff / Math.Abs(e[i]));
            }
            if (allowed.Accepts(e[i], a[i])) continue;
            double excess = double.IsFinite(e[i]) && double.IsFinite(a[i]) ? Math.Abs(a[i] - e[i]) - allowed.Absolute - allowed.Relative * Math.Abs(e[i]) : double.PositiveInfinity;
            if (worst < 0 || excess > worstExcess)
            {
                worst = i;
                worstExcess = excess;
            }
        }
        if (worst < 0) return null;
        int mismatches = Enumerable.Range(0, e.Length).Count(i => !allowed.Accepts(e[i], a[i]));
        // The largest errors are the ones the report's JSON gives; the element named is the one furthest out of tolerance.
        return string.Create(CultureInfo.InvariantCulture,
            $"{mismatches} of {e.Length} elements differ; largest absolute error {WorstAbsolute:G3}, largest relative error {WorstRelative:G3}; furthest out of tolerance at {worst}: expected {e[worst]:R}, got {a[worst]:R} (rtol {allowed.Relative}, atol {allowed.Absolute})");
    }
}
