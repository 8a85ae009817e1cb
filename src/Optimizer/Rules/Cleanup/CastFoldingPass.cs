using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer.Rules.Cleanup;

/// <summary>
/// Folds Cast(Cast(x, A), B) into Cast(x, B) when the first cast is exact (A holds every value of x's
/// type: float16 → float32, int8 → int32, bool → anything numeric, ...), since then casting x straight
/// to B gives the same result. A chain that returns x to its own type becomes a Cast to that type,
/// which <c>remove-no-ops</c> then drops. Narrowing chains (float32 → float16 → float32) round and are kept.
/// </summary>
/// <remarks>The inner Cast must feed only the outer one; float8 and 4-bit types are left alone.</remarks>
public sealed class CastFoldingPass : RewriteRulePass<CastFoldingPass.CastChain>
{
    private static readonly HashSet<string> Anchors = new(StringComparer.Ordinal) { "Cast" };

    /// <summary>The outer Cast, the inner Cast and the original value.</summary>
    public sealed record CastChain(Node Outer, Node Inner, Value Source);

    /// <inheritdoc/>
    public override string Name => "fold-casts";

    /// <inheritdoc/>
    public override string Description => "Fold Cast chains whose first step is exact (float16→float32→float16 disappears).";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.Basic;

    /// <inheritdoc/>
    protected override IReadOnlySet<string> AnchorOps => Anchors;

    /// <inheritdoc/>
    protected override RuleCheck<CastChain> Match(Node anchor, GraphContext graph)
    {
        if (Matching.ProducedBy(anchor.Inputs[0], "Cast") is not { } inner || inner.Graph != graph.Graph) return Rule.Fail("the input is not a Cast");
        if (!Matching.HasSingleUse(anchor.Inputs[0]!, graph)) return Rule.Fail("the inner Cast has other uses");
        var x = inner.Inputs[0]!;
        if (ShapeFacts.ElementTypeOf(x) is not { } from) return Rule.Fail("the source type is unknown");
        var via = (DataType)inner.Attributes.GetInt("to", 0);
        if (!IsExactWidening(from, via)) return Rule.Fail($"{from.OnnxName()} → {via.OnnxName()} is not exact");
        return new CastChain(anchor, inner, x);
    }

    /// <inheritdoc/>
    protected override void Rewrite(CastChain match, GraphContext graph)
    {
        var cast = graph.InsertBefore(match.Outer, "Cast", [match.Source], match.Outer.Outputs[0].Name, match.Outer.Attributes,
            match.Outer.Outputs[0].Type, match.Outer.Name);
        graph.Replace(match.Outer.Outputs[0], cast.Outputs[0]);
        graph.RemoveIfUnused(match.Outer, match.Inner);
    }

    /// <summary>True when every value of <paramref name="from"/> converts to <paramref name="to"/> exactly (or the types are equal).</summary>
    public static bool IsExactWidening(DataType from, DataType to) => from == to || (from, to) switch
    {
        (DataType.Bool, _) => to.IsInteger() || to is DataType.Float or DataType.Double or DataType.Float16 or DataType.BFloat16,
        (DataType.Int8, _) => to is DataType.Int16 or DataType.Int32 or DataType.Int64 or DataType.Float16 or DataType.BFloat16 or DataType.Float or DataType.Double,
        (DataType.UInt8, _) => to is DataType.Int16 or DataType.UInt16 or DataType.Int32 or DataType.UInt32 or DataType.Int64 or DataType.UInt64
            or DataType.Float16 or DataType.BFloat16 or DataType.Float or DataType.Double,
        (DataType.Int16, _) => to is DataType.Int32 or DataType.Int64 or DataType.Float or DataType.Double,
        (DataType.UInt16, _) => to is DataType.Int32 or DataType.UInt32 or DataType.Int64 or DataType.UInt64 or DataType.Float or DataType.Double,
        (DataType.Int32, _) => to is DataType.Int64 or DataType.Double,
        (DataType.UInt32, _) => to is DataType.Int64 or DataType.UInt64 or DataType.Double,
        (DataType.Float16 or DataType.BFloat16, _) => to is DataType.Float or DataType.Double,
        (DataType.Float, _) => to is DataType.Double,
        _ => false,
    };
}
