using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Verification;

/// <summary>Compares the outputs of an original and a candidate model, element by element.</summary>
public static class OutputComparer
{
    /// <summary>Compares one output over every input set.</summary>
    public static OutputComparison Compare(string name, IReadOnlyList<ITensor> expected, IReadOnlyList<ITensor> actual, Tolerance tolerance)
    {
        long elements = 0, mismatches = 0;
        double maxAbs = 0, maxRel = 0;
        string? problem = null;
        for (int set = 0; set < expected.Count; set++)
        {
            ITensor e = expected[set], a = actual[set];
            if (e.DataType != a.DataType) return Failed($"element type changed from {e.DataType.OnnxName()} to {a.DataType.OnnxName()}");
            if (!e.Dims.SequenceEqual(a.Dims)) return Failed($"shape changed from [{string.Join(",", e.Dims)}] to [{string.Join(",", a.Dims)}]");
            if (e.DataType == DataType.String)
            {
                if (e is not StringTensor es || a is not StringTensor @as) return Failed("string outputs cannot be read for comparison");
                if (!es.Values.Zip(@as.Values).All(p => p.First.AsSpan().SequenceEqual(p.Second))) return Failed("string values differ");
                continue;
            }
            if (!Rewriting.TensorValues.IsRealNumeric(e.DataType))
            {
                if (!e.GetRawData().Span.SequenceEqual(a.GetRawData().Span)) return Failed($"{e.DataType.OnnxName()} values differ");
                continue;
            }
            bool exact = !e.DataType.IsFloatingPoint();
            double[] ev = e.ToDoubleArray(), av = a.ToDoubleArray();
            elements += ev.Length;
            for (int i = 0; i < ev.Length; i++)
            {
                bool ok = exact ? ev[i].Equals(av[i]) : tolerance.Accepts(ev[i], av[i]);
                if (!double.IsNaN(ev[i]) && !double.IsNaN(av[i]) && !double.IsInfinity(ev[i]) && !double.IsInfinity(av[i]))
                {
                    double abs = Math.Abs(av[i] - ev[i]);
                    maxAbs = Math.Max(maxAbs, abs);
                    if (ev[i] != 0) maxRel = Math.Max(maxRel, abs / Math.Abs(ev[i]));
                }
                if (ok) continue;
                mismatches++;
                problem ??= $"input set {set}, element {i}: expected {ev[i]:G9}, got {av[i]:G9} ({tolerance})";
            }
        }
        if (problem is not null) problem = $"{mismatches} of {elements} elements out of tolerance; first at {problem}";
        return new OutputComparison(name, elements, mismatches, maxAbs, maxRel, problem);

        OutputComparison Failed(string why) => new(name, elements, mismatches, maxAbs, maxRel, why);
    }
}
