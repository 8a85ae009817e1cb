using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Elementwise;
using OnnxKit.Reference.Kernels.Tensor;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Nn;

/// <summary>
/// Attention (opsets 23–25): scaled dot-product attention with MHA/GQA/MQA head layouts, an
/// internal KV cache (past/present) or an external one (nonpad_kv_seqlen), boolean or additive
/// masks, offset-aware causal masking, sliding windows, softcap, and the qk_matmul_output modes.
/// Computed in double precision; a query row with no attendable key gives zeros.
/// </summary>
internal static class AttentionKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r) => r.Add("Attention", 23, 25, Attention, computesInFloat32: true);

    private static TensorValue Doubles(TensorValue t) => ElementConverter.Convert(t, DataType.Double);

    /// <summary>[B, S, H·D] → [B, H, S, D].</summary>
    private static TensorValue SplitHeads(TensorValue x, long heads)
    {
        int b = x.Dims[0], s = x.Dims[1], hidden = x.Dims[2], h = (int)heads;
        if (h <= 0 || hidden % h != 0) throw new OnnxKitException($"hidden size {hidden} does not split into {h} heads.");
        return Gathering.Transpose(x.Reshaped([b, s, h, hidden / h]), [0, 2, 1, 3]);
    }

    private static void Attention(OpContext c)
    {
        var q = Doubles(c.Input(0));
        var k = Doubles(c.Input(1));
        var v = Doubles(c.Input(2));
        var mask = c.OptionalInput(3);
        var pastKey = c.OptionalInput(4);
        var pastValue = c.OptionalInput(5);
        var nonPad = c.OptionalInput(6) is { } np ? KernelInputs.Longs(np) : null;
        if ((pastKey is null) != (pastValue is null)) throw new OnnxKitException("past_key and past_value must be given together.");
        if (nonPad is not null && pastKey is not null) throw new OnnxKitException("nonpad_kv_seqlen cannot be combined with past_key/past_value.");
        bool threeD = q.Rank == 3;
        if (threeD)
        {
            long qHeads = c.IntOrNull("q_num_heads") ?? throw new OnnxKitException("3-D inputs need q_num_heads.");
            long kvHeads = c.IntOrNull("kv_num_heads") ?? throw new OnnxKitException("3-D inputs need kv_num_heads.");
            q = SplitHeads(q, qHeads);
            k = SplitHeads(k, kvHeads);
            v = SplitHeads(v, kvHeads);
        }
        if (q.Rank != 4 || k.Rank != 4 || v.Rank != 4) throw new OnnxKitException("Q, K and V must all be 3-D or all 4-D.");
        double scale = c.FloatOrNull("scale") is float s ? s : 1 / Math.Sqrt(q.Dims[3]);
        var presentKey = pastKey is null ? k : Gathering.Concat([Doubles(pastKey), k], 2, [k.Dims[0], k.Dims[1], pastKey.Dims[2] + k.Dims[2], k.Dims[3]]);
        var presentValue = pastValue is null ? v : Gathering.Concat([Doubles(pastValue), v], 2, [v.Dims[0], v.Dims[1], pastValue.Dims[2] + v.Dims[2], v.Dims[3]]);
        int batch = q.Dims[0], heads = q.Dims[1], qLength = q.Dims[2], headSize = q.Dims[3];
        int kvHeadsActual = presentKey.Dims[1], kvLength = presentKey.Dims[2], vHeadSize = presentValue.Dims[3];
        if (heads % kvHeadsActual != 0) throw new OnnxKitException($"{heads} query heads do not group over {kvHeadsActual} key/value heads.");
        long offsetScalar = pastKey?.Dims[2] ?? 0;
        long[]? offsets = nonPad?.Select(n => n - qLength).ToArray();
        var bias = Bias(c, mask, qLength, kvLength, offsetScalar, offsets, batch);
        var biasFull = Gathering.Take(bias, Broadcast.Offsets(bias.Dims, [batch, heads, qLength, kvLength]), [batch, heads, qLength, kvLength]).Array<double>();

        var qs = q.Array<double>();
        var ks = presentKey.Array<double>();
        var vs = presentValue.Array<double>();
        double softcap = c.Float("softcap", 0f);
        long mode = c.Int("qk_matmul_output_mode", 0);
        var softmaxPrecision = c.IntOrNull("softmax_precision") is long p ? (DataType?)p : null;
        var scores = new double[batch * heads * qLength * kvLength];
        var exposed = new double[scores.Length];
        var y = new double[batch * heads * qLength * vHeadSize];
        int group = heads / kvHeadsActual;
        var row = new double[kvLength];
        for (int b = 0; b < batch; b++)
        {
            for (int h = 0; h < heads; h++)
            {
                int kvHead = h / group;
                for (int i = 0; i < qLength; i++)
                {
                    int rowStart = ((b * heads + h) * qLength + i) * kvLength;
                    bool allMasked = true;
                    for (int j = 0; j < kvLength; j++)
                    {
                        double dot = 0;
                        for (int d = 0; d < headSize; d++)
                            dot += qs[((b * heads + h) * qLength + i) * headSize + d] * ks[((b * kvHeadsActual + kvHead) * kvLength + j) * headSize + d];
                        double score = dot * scale;
                        if (softcap > 0) score = softcap * Math.Tanh(score / softcap);
                        double biased = score + biasFull[rowStart + j];
                        exposed[rowStart + j] = mode == 2 ? biased : score;
                        row[j] = softmaxPrecision is { } precision ? RoundTo(biased, precision) : biased;
                        if (!double.IsNegativeInfinity(biasFull[rowStart + j])) allMasked = false;
                    }
                    SoftmaxRow(row, allMasked);
                    if (mode == 3) Array.Copy(row, 0, exposed, rowStart, kvLength);
                    for (int d = 0; d < vHeadSize; d++)
                    {
                        double sum = 0;
                        for (int j = 0; j < kvLength; j++) sum += row[j] * vs[((b * kvHeadsActual + kvHead) * kvLength + j) * vHeadSize + d];
                        y[((b * heads + h) * qLength + i) * vHeadSize + d] = sum;
                    }
                }
            }
        }
        var output = new TensorValue(DataType.Double, [batch, heads, qLength, vHeadSize], y);
        if (threeD) output = Gathering.Transpose(output, [0, 2, 1, 3]).Reshaped([batch, qLength, heads * vHeadSize]);
        var outputType = c.Input(0).ElementType;
        c.SetOutput(0, ElementConverter.Convert(output, outputType));
        c.SetOutput(1, ElementConverter.Convert(presentKey, c.Input(1).ElementType));
        c.SetOutput(2, ElementConverter.Convert(presentValue, c.Input(2).ElementType));
        c.SetOutput(3, ElementConverter.Convert(new TensorValue(DataType.Double, [batch, heads, qLength, kvLength], exposed), outputType));
    }

    private static double RoundTo(double value, DataType type) =>
        ElementConverter.ToDoubles(ElementConverter.Convert(TensorValue.Scalar(DataType.Double, value), type))[0];

    /// <summary>Softmax in place; a row whose bias masks every key becomes all zeros.</summary>
    private static void SoftmaxRow(double[] row, bool allMasked)
    {
        if (allMasked)
        {
            Array.Clear(row);
            return;
        }
        double max = row.Max();
        if (double.IsNegativeInfinity(max)) max = 0;
        double sum = 0;
        for (int j = 0; j < row.Length; j++) sum += row[j] = Math.Exp(row[j] - max);
        if (sum == 0) sum = 1;
        for (int j = 0; j < row.Length; j++) row[j] /= sum;
    }

    /// <summary>The additive bias (0 or −∞ entries, or the float mask's values), broadcastable to [B, H, Sq, Skv].</summary>
    private static TensorValue Bias(OpContext c, TensorValue? mask, int qLength, int kvLength, long offsetScalar, long[]? offsets, int batch)
    {
        var zeros = TensorValue.Zeros(DataType.Double, [qLength, kvLength]);
        TensorValue? additiveMask = null;
        if (mask is not null)
        {
            int padWidth = kvLength - mask.Dims[^1];
            if (padWidth > 0)
            {
                var pads = new long[2 * mask.Rank];
                pads[2 * mask.Rank - 1] = padWidth;
                mask = LayoutKernels.Pad(mask, pads, null, "constant",
                    mask.ElementType == DataType.Bool ? TensorValue.Scalar(DataType.Bool, false) : TensorValue.Scalar(DataType.Double, double.NegativeInfinity));
            }
            additiveMask = mask.ElementType == DataType.Bool
                ? new TensorValue(DataType.Double, mask.Dims, mask.Array<bool>().Select(allowed => allowed ? 0 : double.NegativeInfinity).ToArray())
                : Doubles(mask);
        }
        long leftWindow = c.Int("left_window_size", -1), rightWindow = c.Int("right_window_size", -1);
        bool windowed = leftWindow >= 0 || rightWindow >= 0;
        TensorValue bias = additiveMask is null ? zeros : ArithmeticKernels.Add(zeros, additiveMask);
        if (c.Int("is_causal", 0) != 0)
            bias = ArithmeticKernels.Add(bias, Frontier(qLength, kvLength, offsetScalar, offsets, batch, (i, j) => j <= i));
        if (windowed)
        {
            bias = ArithmeticKernels.Add(bias, Frontier(qLength, kvLength, offsetScalar, offsets, batch,
                (position, j) => (leftWindow < 0 || position - j <= leftWindow) && (rightWindow < 0 || j - position <= rightWindow)));
        }
        if (offsets is not null)
        {
            var padding = new double[batch * kvLength];
            for (int b = 0; b < batch; b++)
            {
                for (int j = 0; j < kvLength; j++) padding[b * kvLength + j] = j < offsets[b] + qLength ? 0 : double.NegativeInfinity;
            }
            bias = ArithmeticKernels.Add(bias, new TensorValue(DataType.Double, [batch, 1, 1, kvLength], padding));
        }
        return bias;
    }

    /// <summary>
    /// A 0/−∞ bias allowing key j for the query at absolute position p = i + offset when
    /// <paramref name="allowed"/>(p, j); per batch ([B,1,Sq,Skv]) when <paramref name="offsets"/> is given.
    /// </summary>
    private static TensorValue Frontier(int qLength, int kvLength, long offsetScalar, long[]? offsets, int batch, Func<long, long, bool> allowed)
    {
        int batches = offsets is null ? 1 : batch;
        var values = new double[batches * qLength * kvLength];
        for (int b = 0; b < batches; b++)
        {
            long offset = offsets?[b] ?? offsetScalar;
            for (int i = 0; i < qLength; i++)
            {
                for (int j = 0; j < kvLength; j++)
                    values[(b * qLength + i) * kvLength + j] = allowed(i + offset, j) ? 0 : double.NegativeInfinity;
            }
        }
        return offsets is null
            ? new TensorValue(DataType.Double, [qLength, kvLength], values)
            : new TensorValue(DataType.Double, [batch, 1, qLength, kvLength], values);
    }
}
