using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer.Rules.Fusion;

/// <summary>
/// A Conv whose weights are a constant only it reads (and whose bias, if any, is a constant), so a per-output-channel affine map
/// y·s + t applied to its output can be folded in: W'[m,…] = W[m,…]·s[m], B'[m] = B[m]·s[m] + t[m],
/// computed in double and rounded once into the weights' element type. The folded Conv always gets
/// new initializers; a bias another node also reads (deduplication merges equal biases, such as the
/// zeros of a freshly built model) stays as it is for that node, which costs only a bias-sized copy,
/// whereas shared weights are declined because copying them would grow the model.
/// </summary>
/// <param name="Conv">The Conv node.</param>
/// <param name="Weights">Its constant weights.</param>
/// <param name="Bias">Its constant bias, or null when it has none.</param>
public sealed record ConvAffineFolding(Node Conv, ITensor Weights, double[]? Bias)
{
    /// <summary>The output channel count (the weights' first dim).</summary>
    public long Channels => Weights.Dims[0];

    /// <summary>Checks that <paramref name="value"/> is the output of such a Conv, read by one node only.</summary>
    public static RuleCheck<ConvAffineFolding> Read(Value value, GraphContext graph)
    {
        if (Matching.ProducedBy(value, "Conv") is not { } conv || conv.Graph != graph.Graph) return Rule.Fail("the input is not produced by a Conv of this graph");
        if (!Matching.HasSingleUse(value, graph)) return Rule.Fail("the Conv output has other uses");
        if (!graph.TryGetConstant(conv.Inputs.ElementAtOrDefault(1), out var w)) return Rule.Fail("the Conv weights are not a constant");
        if (!TensorValues.IsFusableFloat(w.DataType) || w.Dims.Count < 3) return Rule.Fail("the Conv weights are not floating point of rank 3 or more");
        if (!graph.IsOnlyUsedBy(conv.Inputs[1]!, conv)) return Rule.Fail("the Conv weights are shared with other nodes");
        if (w.ByteCount > graph.Model.Pass.FoldingLimits.MaxRewrittenWeightBytes) return Rule.Fail($"the Conv weights ({w.ByteCount} bytes) are over the rewrite limit");
        double[]? bias = null;
        if (conv.Inputs.ElementAtOrDefault(2) is { } b)
        {
            bias = graph.ConstantDoubles(b);
            if (bias is null) return Rule.Fail("the Conv bias is not a constant");
            if (bias.Length != w.Dims[0]) return Rule.Fail("the Conv bias length does not match its weights");
        }
        return new ConvAffineFolding(conv, w, bias);
    }

    /// <summary>
    /// Inserts the folded Conv before <paramref name="replaced"/> and makes it compute what
    /// <paramref name="replaced"/>'s first output computed; the old Conv and <paramref name="replaced"/> are removed.
    /// </summary>
    public void Apply(double[]? scale, double[] shift, Node replaced, GraphContext graph)
    {
        var type = Weights.DataType;
        var inputs = new List<Value?> { Conv.Inputs[0], Conv.Inputs[1] };
        if (scale is not null) inputs[1] = graph.AddConstant(ScaledWeights(scale), Conv.Inputs[1]!.Name + "_fused", replaced);
        var b = new double[Channels];
        for (int m = 0; m < Channels; m++) b[m] = (Bias?[m] ?? 0) * (scale?[m] ?? 1) + shift[m];
        inputs.Add(graph.AddConstant(TensorValues.FromDoubles(type, b, [Channels]), (Conv.Inputs.ElementAtOrDefault(2)?.Name ?? Conv.Outputs[0].Name + "_bias") + "_fused", replaced));
        var fused = graph.InsertBefore(replaced, "Conv", inputs, Conv.Outputs[0].Name, Conv.Attributes, replaced.Outputs[0].Type, Conv.Name);
        graph.Replace(replaced.Outputs[0], fused.Outputs[0]);
        graph.RemoveIfUnused(replaced, Conv);
    }

    /// <summary>
    /// W[m,…]·s[m], each product in double and rounded once. Float32 weights, the usual case and the largest
    /// tensors a fusion rewrites, go straight from their bytes into the new tensor's (one allocation, no
    /// per-element type dispatch); other types go through a double array.
    /// </summary>
    private DenseTensor ScaledWeights(double[] scale)
    {
        long perChannel = Weights.ElementCount / Channels;
        if (Weights.DataType != DataType.Float)
        {
            double[] w = Weights.ToDoubleArray();
            for (long i = 0; i < w.Length; i++) w[i] *= scale[i / perChannel];
            return TensorValues.FromDoubles(Weights.DataType, w, Weights.Dims);
        }
        var bytes = new byte[Weights.ByteCount];
        ScaleFloats(MemoryMarshal.Cast<byte, float>(Weights.GetRawData().Span), MemoryMarshal.Cast<byte, float>(bytes.AsSpan()), scale, (int)Channels, (int)perChannel);
        return new DenseTensor(DataType.Float, Weights.Dims.ToArray(), bytes);
    }

    /// <summary>
    /// target[i] = (float)(source[i]·scale[channel]), a vector of floats at a time: widening to double is exact, the product
    /// rounds once in double and narrowing rounds to nearest like a cast, so the result is bit for bit the scalar one's.
    /// Compiled at full optimization on first use (ReadyToRun code cannot hold vector code of the machine's width).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScaleFloats(ReadOnlySpan<float> source, Span<float> target, double[] scale, int channels, int perChannel)
    {
        for (int m = 0, i = 0; m < channels; m++)
        {
            double s = scale[m];
            var vs = new Vector<double>(s);
            int end = i + perChannel;
            for (; i + Vector<float>.Count <= end; i += Vector<float>.Count)
            {
                Vector.Widen(new Vector<float>(source.Slice(i, Vector<float>.Count)), out var low, out var high);
                Vector.Narrow(low * vs, high * vs).CopyTo(target.Slice(i, Vector<float>.Count));
            }
            for (; i < end; i++) target[i] = (float)(source[i] * s);
        }
    }
}
