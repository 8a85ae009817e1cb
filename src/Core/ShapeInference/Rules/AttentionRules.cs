using OnnxKit.Ir;

namespace OnnxKit.ShapeInference.Rules;

/// <summary>Transformer building blocks: Attention, LinearAttention, RotaryEmbedding, CausalConvWithState, SwiGLU.</summary>
internal static class AttentionRules
{
    public static void Register(IDictionary<string, ShapeRule> rules)
    {
        rules["Attention"] = Attention;
        rules["LinearAttention"] = LinearAttention;
        rules["RotaryEmbedding"] = context => context.SetOutput(0, context.InputShape(0));
        rules["SwiGLU"] = context => context.SetOutput(0, context.InputShape(0));
        rules["CausalConvWithState"] = CausalConvWithState;
    }

    /// <summary>
    /// Attention with 4-D (batch, heads, sequence, head size) or 3-D packed (batch, sequence,
    /// heads*head size) inputs; the key/value caches grow by the past sequence length.
    /// </summary>
    private static void Attention(NodeContext context)
    {
        var q = context.InputShape(0);
        var k = context.InputShape(1);
        var v = context.InputShape(2);
        if (q is null || k is null || v is null) return;
        if (q.Rank is not (3 or 4) || k.Rank is not (3 or 4) || v.Rank is not (3 or 4))
            throw context.Fail($"Q, K and V must be 3-D or 4-D, got {q}, {k}, {v}");
        Dim batch = DimMath.Strip(q[0]);
        var (qHeads, qSequence, headSize) = Heads(context, q, "q_num_heads");
        var (kvHeads, kvSequence, _) = Heads(context, k, "kv_num_heads");
        var (_, _, valueHeadSize) = Heads(context, v, "kv_num_heads");
        Dim past = context.InputShape(4) is { Rank: 4 } pastKey ? DimMath.Strip(pastKey[2]) : Dim.Of(0);
        Dim total = DimMath.Add(past, kvSequence);

        context.SetOutput(0, q.Rank == 3
            ? new Shape(batch, qSequence, DimMath.Multiply(qHeads, valueHeadSize))
            : new Shape(batch, qHeads, qSequence, valueHeadSize));
        context.SetOutput(1, new Shape(batch, kvHeads, total, headSize));
        context.SetOutput(2, new Shape(batch, kvHeads, total, valueHeadSize));
        context.SetOutput(3, new Shape(batch, qHeads, qSequence, total));
    }

    /// <summary>(heads, sequence, head size) of a 4-D tensor, or of a 3-D packed one split by the heads attribute.</summary>
    private static (Dim Heads, Dim Sequence, Dim HeadSize) Heads(NodeContext context, Shape shape, string headsAttribute)
    {
        if (shape.Rank == 4) return (DimMath.Strip(shape[1]), DimMath.Strip(shape[2]), DimMath.Strip(shape[3]));
        long heads = context.Int(headsAttribute, 0);
        if (heads <= 0) throw context.Fail($"3-D inputs need a positive '{headsAttribute}'");
        if (shape[2].Value is long hidden && hidden % heads != 0) throw context.Fail($"hidden size {hidden} is not divisible by {headsAttribute} {heads}");
        return (Dim.Of(heads), DimMath.Strip(shape[1]), DimMath.Divide(shape[2], Dim.Of(heads)));
    }

    /// <summary>LinearAttention: output (B, T, H_q*d_v); present_state (B, H_kv, d_k, d_v).</summary>
    private static void LinearAttention(NodeContext context)
    {
        var q = context.InputShape(0);
        var v = context.InputShape(2);
        if (q is not { Rank: 3 } || v is not { Rank: 3 }) return;
        var (qHeads, _, keySize) = Heads(context, q, "q_num_heads");
        var (kvHeads, _, valueSize) = Heads(context, v, "kv_num_heads");
        context.SetOutput(0, new Shape(DimMath.Strip(q[0]), DimMath.Strip(q[1]), DimMath.Multiply(qHeads, valueSize)));
        context.SetOutput(1, new Shape(DimMath.Strip(q[0]), kvHeads, keySize, valueSize));
    }

    /// <summary>CausalConvWithState: output like the input; present_state (batch, channels, k-1).</summary>
    private static void CausalConvWithState(NodeContext context)
    {
        var input = context.InputShape(0);
        context.SetOutput(0, input);
        if (input is not { Rank: 3 }) return;
        var kernel = context.InputShape(1) is { Rank: 3 } weights ? DimMath.Subtract(weights[2], Dim.Of(1)) : Dim.Unknown();
        context.SetOutput(1, new Shape(DimMath.Strip(input[0]), DimMath.Strip(input[1]), kernel));
    }
}
