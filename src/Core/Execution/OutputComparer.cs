using System.Globalization;
using OnnxKit.Ir;

namespace OnnxKit.Execution;

/// <summary>
/// Compares a model's outputs with expected ones: the kind of value, then element type and shape,
/// then every element. Floating-point elements are held to a <see cref="Tolerance"/> (widened per
/// element type when it says so); integers, booleans and strings must match exactly; other element
/// types (complex) byte for byte. The one comparer behind verification, conformance, the opset
/// matrix and the tests.
/// </summary>
public static class OutputComparer
{
    /// <summary>Compares one output over several input sets: <paramref name="actual"/>[k] against <paramref name="expected"/>[k].</summary>
    public static OutputComparison Compare(string name, IReadOnlyList<ITensor> expected, IReadOnlyList<ITensor> actual, Tolerance tolerance)
    {
        if (expected.Count != actual.Count) throw new ArgumentException($"{expected.Count} expected tensors but {actual.Count} actual ones.", nameof(actual));
        var tally = new Tally(tolerance);
        for (int set = 0; set < expected.Count && tally.Problem is null; set++)
            tally.Tensors(expected.Count > 1 ? $"input set {set}, " : "", expected[set], actual[set]);
        return tally.Result(name);
    }

    /// <summary>Compares one output tensor.</summary>
    public static OutputComparison Compare(string name, ITensor expected, ITensor actual, Tolerance tolerance) =>
        Compare(name, [expected], [actual], tolerance);

    /// <summary>
    /// Compares one output of any kind: sequences item by item, optionals by content (an expected
    /// optional that holds a value also matches that value given bare).
    /// </summary>
    public static OutputComparison Compare(string name, OnnxValue expected, OnnxValue actual, Tolerance tolerance)
    {
        var tally = new Tally(tolerance);
        tally.Values("", expected, actual);
        return tally.Result(name);
    }

    /// <summary>Running totals of one comparison, and the worst element or the first structural problem.</summary>
    private sealed class Tally(Tolerance tolerance)
    {
        private long elements, mismatches;
        private double maxAbsolute, maxRelative;
        private string? worst;
        private double worstExcess = double.NegativeInfinity;

        /// <summary>A kind, type, shape or exact-value difference; comparison stops at the first.</summary>
        public string? Problem { get; private set; }

        public void Values(string where, OnnxValue expected, OnnxValue actual)
        {
            if (Problem is not null) return;
            switch (expected.Kind, actual.Kind)
            {
                case (OnnxValueKind.Tensor, OnnxValueKind.Tensor):
                    Tensors(where, expected.Tensor, actual.Tensor);
                    break;
                case (OnnxValueKind.Sequence, OnnxValueKind.Sequence):
                    if (expected.Items.Count != actual.Items.Count)
                    {
                        Problem = $"{where}expected a sequence of {expected.Items.Count}, got {actual.Items.Count}";
                        return;
                    }
                    for (int i = 0; i < expected.Items.Count; i++) Values($"{where}item {i}, ", expected.Items[i], actual.Items[i]);
                    break;
                case (OnnxValueKind.Optional, OnnxValueKind.Optional) when expected.Content is { } e && actual.Content is { } a:
                    Values(where, e, a);
                    break;
                case (OnnxValueKind.Optional, OnnxValueKind.Optional):
                    if (expected.Content is not null || actual.Content is not null) Problem = $"{where}expected {expected.Describe()}, got {actual.Describe()}";
                    break;
                case (OnnxValueKind.Optional, _) when expected.Content is { } content:
                    Values(where, content, actual);
                    break;
                default:
                    Problem = $"{where}expected {expected.Describe()}, got {actual.Describe()}";
                    break;
            }
        }

        public void Tensors(string where, ITensor expected, ITensor actual)
        {
            if (expected.DataType != actual.DataType)
            {
                Problem = $"{where}element type: expected {expected.DataType.OnnxName()}, got {actual.DataType.OnnxName()}";
                return;
            }
            if (!expected.Dims.SequenceEqual(actual.Dims))
            {
                Problem = $"{where}shape: expected {TensorDims.Format(expected.Dims)}, got {TensorDims.Format(actual.Dims)}";
                return;
            }
            var type = expected.DataType;
            if (type == DataType.String) Strings(where, expected.ToStrings(), actual.ToStrings());
            else if (type.IsFloatingPoint()) Floats(where, type, expected.ToDoubleArray(), actual.ToDoubleArray());
            else if (type.IsInteger() || type == DataType.Bool) Integers(where, expected.ToInt64Array(), actual.ToInt64Array());
            else if (!expected.GetRawData().Span.SequenceEqual(actual.GetRawData().Span)) Problem = $"{where}{type.OnnxName()} values differ";
        }

        public OutputComparison Result(string name)
        {
            string? problem = Problem ?? (worst is null ? null : string.Create(CultureInfo.InvariantCulture,
                $"{mismatches} of {elements} elements out of tolerance; largest absolute error {maxAbsolute:G3}, largest relative error {maxRelative:G3}; furthest out of tolerance at {worst}"));
            return new OutputComparison(name, elements, mismatches, maxAbsolute, maxRelative, problem);
        }

        private void Floats(string where, DataType type, double[] expected, double[] actual)
        {
            var allowed = tolerance.For(type);
            elements += expected.Length;
            for (int i = 0; i < expected.Length; i++)
            {
                double e = expected[i], a = actual[i];
                if (double.IsFinite(e) && double.IsFinite(a))
                {
                    double difference = Math.Abs(a - e);
                    maxAbsolute = Math.Max(maxAbsolute, difference);
                    if (Math.Abs(e) * allowed.Relative > allowed.Absolute) maxRelative = Math.Max(maxRelative, difference / Math.Abs(e));
                }
                if (allowed.Accepts(e, a)) continue;
                mismatches++;
                double excess = allowed.Excess(e, a);
                if (worst is not null && excess <= worstExcess) continue;
                worstExcess = excess;
                worst = string.Create(CultureInfo.InvariantCulture, $"{At(where, i)}: expected {Format(type, e)}, got {Format(type, a)} ({allowed})");
            }
        }

        private void Integers(string where, long[] expected, long[] actual)
        {
            elements += expected.Length;
            for (int i = 0; i < expected.Length; i++)
            {
                if (expected[i] == actual[i]) continue;
                double difference = Math.Abs((double)actual[i] - expected[i]);
                maxAbsolute = Math.Max(maxAbsolute, difference);
                mismatches++;
                if (worst is not null && difference <= worstExcess) continue;
                worstExcess = difference;
                worst = string.Create(CultureInfo.InvariantCulture, $"{At(where, i)}: expected {expected[i]}, got {actual[i]} (exact)");
            }
        }

        private void Strings(string where, IReadOnlyList<byte[]> expected, IReadOnlyList<byte[]> actual)
        {
            for (int i = 0; i < expected.Count; i++)
            {
                if (expected[i].AsSpan().SequenceEqual(actual[i])) continue;
                Problem = $"{where}element {i}: expected \"{Text(expected[i])}\", got \"{Text(actual[i])}\"";
                return;
            }
        }

        /// <summary>Where an element is: its index, and the input set or sequence item when there is one (<paramref name="where"/> ends in <c>", "</c>).</summary>
        private static string At(string where, int index) => where.Length == 0 ? $"{index}" : $"{index} ({where[..^2]})";

        /// <summary>The shortest text that reads back as the element: float32 and narrower as float, double as double.</summary>
        private static string Format(DataType type, double value) => type == DataType.Double
            ? value.ToString("R", CultureInfo.InvariantCulture)
            : ((float)value).ToString("R", CultureInfo.InvariantCulture);

        private static string Text(byte[] utf8) => System.Text.Encoding.UTF8.GetString(utf8);
    }
}
