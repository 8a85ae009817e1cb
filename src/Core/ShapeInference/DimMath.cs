using OnnxKit.Ir;

namespace OnnxKit.ShapeInference;

/// <summary>
/// Arithmetic on dimensions. A result that depends on a symbol is unknown, except where the
/// arithmetic is an identity (<c>N*1</c>, <c>N+0</c>, <c>N/1</c>); OnnxKit does not invent new
/// symbols for expressions such as <c>2*N</c>.
/// </summary>
internal static class DimMath
{
    public static Dim Add(Dim a, Dim b)
    {
        if (a.Value is long x && b.Value is long y) return Dim.Of(checked(x + y));
        if (a.Value == 0) return Strip(b);
        if (b.Value == 0) return Strip(a);
        return Dim.Unknown();
    }

    public static Dim Subtract(Dim a, Dim b)
    {
        if (a.Value is long x && b.Value is long y) return Dim.Of(checked(x - y));
        if (b.Value == 0) return Strip(a);
        if (a.Symbol is not null && a.Symbol == b.Symbol) return Dim.Of(0);
        return Dim.Unknown();
    }

    public static Dim Multiply(Dim a, Dim b)
    {
        if (a.Value is long x && b.Value is long y) return Dim.Of(checked(x * y));
        if (a.Value == 1) return Strip(b);
        if (b.Value == 1) return Strip(a);
        if (a.Value == 0 || b.Value == 0) return Dim.Of(0);
        return Dim.Unknown();
    }

    /// <summary>Integer division of non-negative sizes (negative operands give unknown).</summary>
    public static Dim Divide(Dim a, Dim b)
    {
        if (a.Value is long x && b.Value is long y && x >= 0 && y > 0) return Dim.Of(x / y);
        if (b.Value == 1) return Strip(a);
        if (a.Symbol is not null && a.Symbol == b.Symbol) return Dim.Of(1);
        return Dim.Unknown();
    }

    /// <summary>The product of <paramref name="dims"/> (1 for none).</summary>
    public static Dim Product(IEnumerable<Dim> dims) => dims.Aggregate(Dim.Of(1), Multiply);

    /// <summary>The sum of <paramref name="dims"/> (0 for none).</summary>
    public static Dim Sum(IEnumerable<Dim> dims) => dims.Aggregate(Dim.Of(0), Add);

    /// <summary>
    /// The size of a broadcast dimension (numpy rules): 1 stretches, equal symbols stay, a known
    /// size wins over a symbol or unknown (the other must equal it or be 1), different symbols give
    /// unknown. Null when two known sizes cannot broadcast.
    /// </summary>
    public static Dim? Broadcast(Dim a, Dim b)
    {
        if (a.Value is long x && b.Value is long y)
        {
            if (x == y || y == 1) return Strip(a);
            if (x == 1) return Strip(b);
            return null;
        }
        if (a.Value == 1) return Strip(b);
        if (b.Value == 1) return Strip(a);
        if (a.IsKnown) return Strip(a);
        if (b.IsKnown) return Strip(b);
        if (a.Symbol is not null && a.Symbol == b.Symbol) return Strip(a);
        return Dim.Unknown();
    }

    /// <summary>
    /// Two facts about the same dimension: a known size wins, then a symbol; null when two known
    /// sizes disagree.
    /// </summary>
    public static Dim? Merge(Dim a, Dim b)
    {
        if (a.Value is long x && b.Value is long y) return x == y ? a : (Dim?)null;
        if (a.IsKnown) return a;
        if (b.IsKnown) return b;
        if (a.Symbol is not null) return a;
        return b.Symbol is not null ? b : a;
    }

    /// <summary>What two alternatives (the branches of an If) have in common: equal dims stay, others become unknown.</summary>
    public static Dim Union(Dim a, Dim b) =>
        a.Value is long x && b.Value == x ? Strip(a)
        : a.Symbol is not null && a.Symbol == b.Symbol ? Strip(a)
        : Dim.Unknown();

    /// <summary>The dim without its denotation (denotations describe inputs, not computed sizes).</summary>
    public static Dim Strip(Dim d) => d.Denotation is null ? d : d.Value is long v ? Dim.Of(v) : d.Symbol is string s ? Dim.Named(s) : Dim.Unknown();
}
