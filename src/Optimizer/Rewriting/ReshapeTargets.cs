using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Rewriting;

/// <summary>What a Reshape produces from an input shape that may have symbolic dims.</summary>
public static class ReshapeTargets
{
    /// <summary>
    /// The output shape of Reshape(input, <paramref name="target"/>): 0 copies the input dim (unless
    /// <paramref name="allowZero"/>), -1 takes what is left. A -1 that cannot be resolved statically is
    /// cancelled against matching input dims, or becomes an unknown dim. Null when the target is invalid.
    /// </summary>
    public static Shape? Resolve(Shape input, IReadOnlyList<long> target, bool allowZero)
    {
        var dims = new Dim[target.Count];
        int inferred = -1;
        for (int i = 0; i < target.Count; i++)
        {
            long t = target[i];
            if (t == 0 && !allowZero)
            {
                if (i >= input.Rank) return null;
                dims[i] = input[i];
            }
            else if (t == -1)
            {
                if (inferred >= 0) return null;
                inferred = i;
            }
            else if (t < 0) return null;
            else dims[i] = Dim.Of(t);
        }
        if (inferred >= 0) dims[inferred] = InferRemaining(input, dims.Where((_, i) => i != inferred).ToList());
        return new Shape(dims);
    }

    /// <summary>True when two dims are the same known size or the same symbol.</summary>
    public static bool SameDim(Dim a, Dim b) => a.Value is long x ? b.Value == x : a.Symbol is not null && a.Symbol == b.Symbol;

    /// <summary>True when two shapes have the same rank and pairwise <see cref="SameDim"/> dims.</summary>
    public static bool SameShape(Shape a, Shape b) => a.Rank == b.Rank && a.Zip(b).All(p => SameDim(p.First, p.Second));

    private static Dim InferRemaining(Shape input, List<Dim> others)
    {
        var rest = input.ToList();
        var unmatched = new List<Dim>();
        foreach (var d in others)
        {
            int k = rest.FindIndex(r => SameDim(r, d));
            if (k >= 0) rest.RemoveAt(k);
            else unmatched.Add(d);
        }
        if (unmatched.Any(d => !d.IsKnown)) return Dim.Unknown();
        long divisor = unmatched.Aggregate(1L, (p, d) => p * d.Value!.Value);
        if (rest.All(d => d.IsKnown))
        {
            long total = rest.Aggregate(1L, (p, d) => p * d.Value!.Value);
            return divisor != 0 && total % divisor == 0 ? Dim.Of(total / divisor) : Dim.Unknown();
        }
        return rest.Count == 1 && divisor == 1 ? rest[0] : Dim.Unknown();
    }
}
