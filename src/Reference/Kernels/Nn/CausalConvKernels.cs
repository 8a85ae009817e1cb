using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Nn;

/// <summary>
/// CausalConvWithState: a depthwise 1-D convolution over the past state (or zeros) followed by the
/// input, so each output sees only current and earlier positions; also returns the last k−1 positions
/// as the next state. Optional fused SiLU.
/// </summary>
internal static class CausalConvKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r) => r.Add("CausalConvWithState", 27, 27, CausalConv, computesInFloat32: true);

    private static void CausalConv(OpContext c)
    {
        var x = c.Input(0);
        var w = c.Input(1);
        if (x.Rank != 3 || w.Rank != 3 || w.Dims[0] != x.Dims[1] || w.Dims[1] != 1)
            throw new OnnxKitException($"CausalConvWithState needs input (B, C, L) and weight (C, 1, k), got {x.Describe()} and {w.Describe()}.");
        string activation = c.String("activation", "none");
        if (activation is not ("none" or "silu" or "swish")) throw new OnnxKitException($"activation '{activation}' is not one of none, silu, swish.");
        int batch = x.Dims[0], channels = x.Dims[1], length = x.Dims[2], k = w.Dims[2], history = k - 1;
        var input = ElementConverter.ToDoubles(x);
        var weights = ElementConverter.ToDoubles(w);
        var bias = c.OptionalInput(2) is { } b ? ElementConverter.ToDoubles(b) : new double[channels];
        var past = c.OptionalInput(3) is { } p ? ElementConverter.ToDoubles(p) : new double[batch * channels * history];
        if (past.Length != batch * channels * history) throw new OnnxKitException($"past_state must be ({batch}, {channels}, {history}).");
        var output = new double[input.Length];
        var state = new double[past.Length];
        int padded = history + length;
        var row = new double[padded];
        for (int plane = 0; plane < batch * channels; plane++)
        {
            int ch = plane % channels;
            Array.Copy(past, plane * history, row, 0, history);
            Array.Copy(input, plane * length, row, history, length);
            for (int t = 0; t < length; t++)
            {
                double sum = bias[ch];
                for (int j = 0; j < k; j++) sum += weights[ch * k + j] * row[t + j];
                output[plane * length + t] = activation == "none" ? sum : sum / (1 + Math.Exp(-sum));
            }
            Array.Copy(row, padded - history, state, plane * history, history);
        }
        c.SetOutput(0, new TensorValue(x.ElementType, x.Dims, ElementConverter.FromDoubles(output, x.ElementType)));
        c.SetOutput(1, new TensorValue(x.ElementType, [batch, channels, history], ElementConverter.FromDoubles(state, x.ElementType)));
    }
}
