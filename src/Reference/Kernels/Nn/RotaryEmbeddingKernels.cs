using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Tensor;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Nn;

/// <summary>RotaryEmbedding (RoPE): rotates pairs of each head's leading <c>rotary_embedding_dim</c> features by position-dependent angles.</summary>
internal static class RotaryEmbeddingKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r) => r.Add("RotaryEmbedding", 23, 23, RotaryEmbedding, computesInFloat32: true);

    private static void RotaryEmbedding(OpContext c)
    {
        var x = c.Input(0);
        var cosCache = ElementConverter.ToDoubles(c.Input(1));
        var sinCache = ElementConverter.ToDoubles(c.Input(2));
        var positions = c.OptionalInput(3) is { } p ? KernelInputs.Longs(p) : null;
        bool interleaved = c.Int("interleaved", 0) != 0;
        int batch = x.Dims[0], length, heads, headSize;
        bool fourD = x.Rank == 4;
        if (fourD) (heads, length, headSize) = (x.Dims[1], x.Dims[2], x.Dims[3]);
        else if (x.Rank == 3)
        {
            heads = (int)(c.IntOrNull("num_heads") ?? throw new OnnxKitException("3-D input needs num_heads."));
            length = x.Dims[1];
            headSize = x.Dims[2] / heads;
        }
        else throw new OnnxKitException($"RotaryEmbedding needs a 3-D or 4-D input, got {x.Describe()}.");
        int rotary = (int)c.Int("rotary_embedding_dim", 0);
        if (rotary == 0) rotary = headSize;
        int half = rotary / 2;
        if (c.Input(1).Dims[^1] != half) throw new OnnxKitException($"the cos cache's last dim {c.Input(1).Dims[^1]} is not rotary_embedding_dim/2 = {half}.");
        var values = ElementConverter.ToDoubles(x);
        var result = (double[])values.Clone();
        for (int b = 0; b < batch; b++)
        {
            for (int s = 0; s < length; s++)
            {
                int row = positions is null ? b * length + s : (int)positions[b * length + s];
                for (int h = 0; h < heads; h++)
                {
                    int start = fourD ? ((b * heads + h) * length + s) * headSize : ((b * length + s) * heads + h) * headSize;
                    for (int i = 0; i < half; i++)
                    {
                        int first = start + (interleaved ? 2 * i : i), second = start + (interleaved ? 2 * i + 1 : i + half);
                        double cos = cosCache[row * half + i], sin = sinCache[row * half + i];
                        double x1 = values[first], x2 = values[second];
                        result[first] = cos * x1 - sin * x2;
                        result[second] = sin * x1 + cos * x2;
                    }
                }
            }
        }
        c.SetOutput(0, new TensorValue(x.ElementType, x.Dims, ElementConverter.FromDoubles(result, x.ElementType)));
    }
}
