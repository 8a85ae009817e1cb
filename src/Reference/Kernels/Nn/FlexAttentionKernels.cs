using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Nn;

/// <summary>
/// ai.onnx.preview FlexAttention: scaled dot-product attention over rank-4 inputs (GQA by head
/// groups) whose scores and probabilities pass through the optional score_mod and prob_mod
/// subgraphs. The subgraphs see tensors of the softmax precision (float32 unless the inputs are
/// double or <c>softmax_precision</c> says otherwise).
/// </summary>
internal static class FlexAttentionKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r) => r.Add("ai.onnx.preview", "FlexAttention", 1, 1, FlexAttention, computesInFloat32: true);

    private static void FlexAttention(OpContext c)
    {
        var query = c.Input(0);
        var key = c.Input(1);
        var value = c.Input(2);
        if (query.Rank != 4 || key.Rank != 4 || value.Rank != 4) throw new OnnxKitException("FlexAttention needs rank-4 Q, K and V.");
        int batch = query.Dims[0], heads = query.Dims[1], length = query.Dims[2], headSize = query.Dims[3];
        int kvHeads = key.Dims[1], kvLength = key.Dims[2], vHeadSize = value.Dims[3];
        if (heads % kvHeads != 0 || key.Dims[3] != headSize || value.Dims[2] != kvLength || value.Dims[1] != kvHeads)
            throw new OnnxKitException($"FlexAttention shapes do not fit: Q {query.Describe()}, K {key.Describe()}, V {value.Describe()}.");
        int group = heads / kvHeads;
        double scale = c.FloatOrNull("scale") is float s ? s : 1 / Math.Sqrt(headSize);
        var precision = c.IntOrNull("softmax_precision") is long p ? (DataType)p : query.ElementType == DataType.Double ? DataType.Double : DataType.Float;
        var q = ElementConverter.ToDoubles(query);
        var k = ElementConverter.ToDoubles(key);
        var v = ElementConverter.ToDoubles(value);
        int[] scoreDims = [batch, heads, length, kvLength];
        var scores = new double[batch * heads * length * kvLength];
        for (int b = 0; b < batch; b++)
        {
            for (int h = 0; h < heads; h++)
            {
                for (int i = 0; i < length; i++)
                {
                    for (int j = 0; j < kvLength; j++)
                    {
                        double dot = 0;
                        for (int d = 0; d < headSize; d++)
                            dot += q[((b * heads + h) * length + i) * headSize + d] * k[((b * kvHeads + h / group) * kvLength + j) * headSize + d];
                        scores[((b * heads + h) * length + i) * kvLength + j] = dot * scale;
                    }
                }
            }
        }
        scores = Modify(c, "score_mod", scores, scoreDims, precision);
        for (int row = 0; row < batch * heads * length; row++)
        {
            var span = scores.AsSpan(row * kvLength, kvLength);
            double max = double.NegativeInfinity;
            foreach (double x in span) max = Math.Max(max, x);
            double sum = 0;
            for (int j = 0; j < span.Length; j++) sum += span[j] = Math.Exp(span[j] - max);
            for (int j = 0; j < span.Length; j++) span[j] /= sum;
        }
        var probabilities = Modify(c, "prob_mod", scores, scoreDims, precision);
        var output = new double[batch * heads * length * vHeadSize];
        for (int b = 0; b < batch; b++)
        {
            for (int h = 0; h < heads; h++)
            {
                for (int i = 0; i < length; i++)
                {
                    for (int e = 0; e < vHeadSize; e++)
                    {
                        double sum = 0;
                        for (int j = 0; j < kvLength; j++)
                            sum += probabilities[((b * heads + h) * length + i) * kvLength + j] * v[((b * kvHeads + h / group) * kvLength + j) * vHeadSize + e];
                        output[((b * heads + h) * length + i) * vHeadSize + e] = sum;
                    }
                }
            }
        }
        c.SetOutput(0, new TensorValue(value.ElementType, [batch, heads, length, vHeadSize], ElementConverter.FromDoubles(output, value.ElementType)));
    }

    /// <summary>Rounds to the softmax precision and, when the node has the subgraph <paramref name="attribute"/>, passes the tensor through it.</summary>
    private static double[] Modify(OpContext c, string attribute, double[] values, int[] dims, DataType precision)
    {
        var tensor = new TensorValue(precision, dims, ElementConverter.FromDoubles(values, precision));
        if (c.Attribute(attribute) is not { } graph) return ElementConverter.ToDoubles(tensor);
        var outputs = c.RunSubgraph(graph.AsGraph(), [tensor]);
        if (outputs.Length != 1 || outputs[0] is not TensorValue result || !result.Dims.AsSpan().SequenceEqual(dims))
            throw new OnnxKitException($"{attribute} must return one tensor of shape {ShapeMath.Format(dims)}.");
        return ElementConverter.ToDoubles(ElementConverter.Convert(result, precision));
    }
}
