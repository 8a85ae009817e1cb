using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// LayerNormalization (17): over the axes from <c>axis</c> to the last, Mean = mean(X), D = X − Mean,
/// InvStdDev = 1/√(mean(D²) + ε), Y = D·InvStdDev·Scale (+ B). The optional Mean and InvStdDev outputs are
/// those intermediates. A float16 or bfloat16 input with <c>stash_type</c> = 1 (float32 statistics) is cast
/// to float32 for the statistics and the normalized value cast back before the scale, as the function body does.
/// </summary>
public sealed class LayerNormalizationExpansion : FunctionExpansionAdapter
{
    /// <inheritdoc/>
    protected override string OpType => "LayerNormalization";

    /// <inheritdoc/>
    public override int Version => 17;

    /// <inheritdoc/>
    protected override Value?[] Expand(AdapterContext context, ConversionBuilder b, Value x)
    {
        var node = context.Node;
        var type = context.RequireElementType(x);
        bool stash = type is DataType.Float16 or DataType.BFloat16 && node.Attributes.GetInt("stash_type", 1) == 1;
        var computeType = stash ? DataType.Float : type;
        long axis = node.Attributes.GetInt("axis", -1);
        // Counted from the front when the rank is known: the means then convert below opset 11, where negative
        // axes are not allowed, without the rank of the intermediates (which the original model does not type).
        int? rank = axis < 0 ? context.RankOf(x) : context.RequireRank(x, "a non-negative axis needs it to list the normalized axes");
        long first = rank is int r && axis < 0 ? r + axis : axis;
        long[] axes = Enumerable.Range((int)first, rank is int known ? known - (int)first : (int)-axis).Select(a => (long)a).ToArray();
        var stashed = stash ? b.Cast(x, computeType) : x;
        var mean = b.ReduceMean(stashed, axes);
        var centered = b.Sub(stashed, mean);
        var variance = b.ReduceMean(b.Mul(centered, centered), axes);
        var invStdDev = b.Reciprocal(b.Sqrt(b.Add(variance, b.Scalar(computeType, node.Attributes.GetFloat("epsilon", 1e-5f)))));
        var normalized = b.Mul(centered, invStdDev);
        var y = b.Mul(stash ? b.Cast(normalized, type) : normalized, node.Inputs[1]!);
        if (context.Input(2) is { } bias) y = b.Add(y, bias);
        return [y, mean, invStdDev];
    }
}
