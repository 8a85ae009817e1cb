using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Nn;

/// <summary>
/// LinearAttention (opset 27): the recurrent form of linear attention with a (d_k × d_v) state per
/// key/value head, updated per step by the linear, gated (exponential decay), delta (error-correcting)
/// or gated_delta rule; query heads read their group's state (GQA). Computed step by step in double.
/// </summary>
internal static class LinearAttentionKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r) => r.Add("LinearAttention", 27, 27, LinearAttention, computesInFloat32: true);

    private static void LinearAttention(OpContext c)
    {
        var query = c.Input(0);
        var key = c.Input(1);
        var value = c.Input(2);
        var pastState = c.OptionalInput(3);
        var decayTensor = c.OptionalInput(4);
        var betaTensor = c.OptionalInput(5);
        string rule = c.String("update_rule", "gated_delta");
        if (rule is not ("linear" or "gated" or "delta" or "gated_delta")) throw new OnnxKitException($"update_rule '{rule}' is not one of linear, gated, delta, gated_delta.");
        bool gated = rule is "gated" or "gated_delta", delta = rule is "delta" or "gated_delta";
        if (gated != (decayTensor is not null)) throw new OnnxKitException($"update_rule '{rule}' {(gated ? "requires" : "forbids")} the decay input.");
        if (delta != (betaTensor is not null)) throw new OnnxKitException($"update_rule '{rule}' {(delta ? "requires" : "forbids")} the beta input.");
        int qHeads = (int)c.Required("q_num_heads").AsInt(), kvHeads = (int)c.Required("kv_num_heads").AsInt();
        if (qHeads <= 0 || kvHeads <= 0 || qHeads % kvHeads != 0) throw new OnnxKitException($"q_num_heads {qHeads} is not a positive multiple of kv_num_heads {kvHeads}.");
        if (query.Rank != 3 || key.Rank != 3 || value.Rank != 3) throw new OnnxKitException("query, key and value must be (B, T, heads·d).");
        int batch = query.Dims[0], steps = query.Dims[1], dk = query.Dims[2] / qHeads, dv = value.Dims[2] / kvHeads, group = qHeads / kvHeads;
        double scale = c.Float("scale", 0f) is var s && s != 0 ? s : 1 / Math.Sqrt(dk);
        var q = ElementConverter.ToDoubles(query);
        var k = ElementConverter.ToDoubles(key);
        var v = ElementConverter.ToDoubles(value);
        var decay = decayTensor is null ? null : ElementConverter.ToDoubles(decayTensor);
        bool decayPerKey = decayTensor is not null && decayTensor.Dims[2] == kvHeads * dk;
        var beta = betaTensor is null ? null : ElementConverter.ToDoubles(betaTensor);
        int betaWidth = betaTensor?.Dims[2] ?? 1;
        var state = pastState is null ? new double[batch * kvHeads * dk * dv] : ElementConverter.ToDoubles(pastState);
        if (state.Length != batch * kvHeads * dk * dv) throw new OnnxKitException($"past_state must be ({batch}, {kvHeads}, {dk}, {dv}).");
        var output = new double[batch * steps * qHeads * dv];
        var corrected = new double[dv];
        for (int b = 0; b < batch; b++)
        {
            for (int t = 0; t < steps; t++)
            {
                for (int h = 0; h < kvHeads; h++)
                {
                    int stateBase = (b * kvHeads + h) * dk * dv;
                    int keyBase = (b * steps + t) * kvHeads * dk + h * dk, valueBase = (b * steps + t) * kvHeads * dv + h * dv;
                    if (decay is not null)
                    {
                        for (int d = 0; d < dk; d++)
                        {
                            double factor = Math.Exp(decayPerKey ? decay[keyBase + d] : decay[(b * steps + t) * kvHeads + h]);
                            for (int m = 0; m < dv; m++) state[stateBase + d * dv + m] *= factor;
                        }
                    }
                    for (int m = 0; m < dv; m++)
                    {
                        corrected[m] = v[valueBase + m];
                        if (beta is null) continue;
                        double retrieved = 0;
                        for (int d = 0; d < dk; d++) retrieved += state[stateBase + d * dv + m] * k[keyBase + d];
                        corrected[m] = beta[(b * steps + t) * betaWidth + (betaWidth == 1 ? 0 : h)] * (corrected[m] - retrieved);
                    }
                    for (int d = 0; d < dk; d++)
                    {
                        for (int m = 0; m < dv; m++) state[stateBase + d * dv + m] += k[keyBase + d] * corrected[m];
                    }
                }
                for (int h = 0; h < qHeads; h++)
                {
                    int stateBase = (b * kvHeads + h / group) * dk * dv, queryBase = (b * steps + t) * qHeads * dk + h * dk;
                    for (int m = 0; m < dv; m++)
                    {
                        double sum = 0;
                        for (int d = 0; d < dk; d++) sum += q[queryBase + d] * state[stateBase + d * dv + m];
                        output[(b * steps + t) * qHeads * dv + h * dv + m] = scale * sum;
                    }
                }
            }
        }
        c.SetOutput(0, new TensorValue(query.ElementType, [batch, steps, qHeads * dv], ElementConverter.FromDoubles(output, query.ElementType)));
        var stateType = pastState?.ElementType ?? query.ElementType;
        c.SetOutput(1, new TensorValue(stateType, [batch, kvHeads, dk, dv], ElementConverter.FromDoubles(state, stateType)));
    }
}
