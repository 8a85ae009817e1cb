using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Tensor;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Nn;

/// <summary>Col2Im: the inverse of im2col, summing [N, C·∏block, L] columns back into [N, C, image...].</summary>
internal static class Col2ImKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r) => r.Add("Col2Im", 18, 18, Col2Im, computesInFloat32: true);

    private static void Col2Im(OpContext c)
    {
        var x = c.Input(0);
        var image = KernelInputs.Longs(c.Input(1)).Select(v => (int)v).ToArray();
        var block = KernelInputs.Longs(c.Input(2)).Select(v => (int)v).ToArray();
        var geometry = WindowGeometry.FromNode(c, image, block);
        int kSize = geometry.KernelSize, outSize = geometry.OutputSize, inSize = geometry.InputSize;
        int batch = x.Dims[0];
        if (x.Rank != 3 || x.Dims[1] % kSize != 0 || x.Dims[2] != outSize)
            throw new OnnxKitException($"Col2Im input {x.Describe()} does not fit image {ShapeMath.Format(image)} with block {ShapeMath.Format(block)} ({outSize} blocks).");
        int channels = x.Dims[1] / kSize;
        var taps = geometry.Taps();
        var columns = ElementConverter.ToDoubles(x);
        var result = new double[batch * channels * inSize];
        for (int n = 0; n < batch; n++)
        {
            for (int ch = 0; ch < channels; ch++)
            {
                for (int t = 0; t < kSize; t++)
                {
                    int row = ((n * channels + ch) * kSize + t) * outSize;
                    for (int o = 0; o < outSize; o++)
                    {
                        int tap = taps[o * kSize + t];
                        if (tap >= 0) result[(n * channels + ch) * inSize + tap] += columns[row + o];
                    }
                }
            }
        }
        c.SetOutput(0, new TensorValue(x.ElementType, [batch, channels, .. image], ElementConverter.FromDoubles(result, x.ElementType)));
    }
}
