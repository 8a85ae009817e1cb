using OnnxKit.Ir;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// GroupNormalization was redefined at opset 21: its <c>scale</c> and <c>bias</c> are per channel (C values) where
/// opset 18's, now deprecated, were per group, and <c>stash_type</c> (float32 statistics by default) was added.
/// Down, the node is expanded into its function body, exact at every opset from 7: X viewed as [N, G, −1],
/// normalized over the last axis (in float32 when stash_type = 1 and X is float16 or bfloat16), viewed back,
/// then scaled and shifted per channel. Up from 18, constant per-group scale and bias are repeated C/G times
/// (C must be known); anything else is refused.
/// </summary>
public sealed class GroupNormalizationAdapter : VersionAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["GroupNormalization"];

    /// <inheritdoc/>
    public override int Version => 21;

    /// <inheritdoc/>
    public override string Description => "per-group scale/bias → per-channel, stash_type; below 21 expanded into its function body";

    /// <inheritdoc/>
    public override void Up(AdapterContext context)
    {
        var node = context.Node;
        long groups = node.Attributes.GetInt("num_groups", 0);
        long channels = context.ShapeOf(node.Inputs[0]) is { Rank: >= 2 } shape && shape[1].Value is { } c ? c
            : throw context.Refuse("its channel count is unknown, and opset 21 takes scale and bias per channel rather than per group");
        if (groups <= 0 || channels % groups != 0) throw context.Refuse($"{channels} channels do not split into {groups} groups");
        var type = context.RequireElementType(node.Inputs[0]);
        var builder = context.Builder();
        for (int i = 1; i <= 2; i++)
        {
            var perGroup = context.RequireConstantDoubles(i, i == 1 ? "scale" : "bias");
            var perChannel = Enumerable.Range(0, (int)channels).Select(ch => perGroup[ch / (int)(channels / groups)]).ToArray();
            var input = node.Inputs[i]!;
            node.ReplaceInput(i, builder.Constant(TensorValues.FromDoubles(type, perChannel, [channels]), i == 1 ? "scale" : "bias"));
            context.RemoveIfUnusedConstant(input);
        }
        context.Change = "per-group scale and bias repeated per channel";
        SchemaDiffAdapter.Apply(context);
    }

    /// <inheritdoc/>
    public override void Down(AdapterContext context)
    {
        var node = context.Node;
        var x = node.Inputs[0]!;
        var type = context.RequireElementType(x);
        int rank = context.RequireRank(x, "the expansion reshapes scale and bias to broadcast over the channel axis");
        long groups = node.Attributes.GetInt("num_groups", 0);
        var computeType = type is DataType.Float16 or DataType.BFloat16 && node.Attributes.GetInt("stash_type", 1) == 1 ? DataType.Float : type;
        var b = context.Builder();
        var grouped = b.Reshape(x, b.Int64s([0, groups, -1], "group_shape"));
        if (computeType != type) grouped = b.Cast(grouped, computeType);
        var mean = b.ReduceMean(grouped, [2]);
        var centered = b.Sub(grouped, mean);
        var variance = b.ReduceMean(b.Mul(centered, centered), [2]);
        var normalized = b.Div(centered, b.Sqrt(b.Add(variance, b.Scalar(computeType, node.Attributes.GetFloat("epsilon", 1e-5f)))));
        if (computeType != type) normalized = b.Cast(normalized, type);
        var channelShape = b.Int64s([-1, .. Enumerable.Repeat(1L, rank - 2)], "channel_shape");
        var y = b.Add(b.Mul(b.Reshape(normalized, b.Shape(x)), b.Reshape(node.Inputs[1]!, channelShape)), b.Reshape(node.Inputs[2]!, channelShape));
        context.Change = "expanded into its function body";
        context.ReplaceWith(y);
    }
}
