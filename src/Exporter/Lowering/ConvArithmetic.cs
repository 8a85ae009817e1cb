namespace OnnxKit.Exporter.Lowering;

/// <summary>Output sizes and explicit pads of convolution and pooling windows along one axis.</summary>
internal static class ConvArithmetic
{
    /// <summary>
    /// The output length and the (begin, end) padding of a window sliding over
    /// <paramref name="input"/> positions. SAME follows TensorFlow: ⌈input/stride⌉ outputs, the
    /// smaller half of the padding first. A non-positive length means the window does not fit.
    /// </summary>
    public static (long Output, long PadBegin, long PadEnd) Forward(long input, long kernel, long stride, long dilation, Padding padding)
    {
        long effective = (kernel - 1) * dilation + 1;
        if (padding == Padding.Valid)
            return (input < effective ? 0 : (input - effective) / stride + 1, 0, 0);
        long output = (input + stride - 1) / stride;
        long total = Math.Max((output - 1) * stride + effective - input, 0);
        return (output, total / 2, total - total / 2);
    }

    /// <summary>
    /// The output length, pads and output padding of a transposed convolution, following
    /// Keras: VALID gives input·stride + max(kernel − stride, 0); SAME gives input·stride.
    /// </summary>
    public static (long Output, long PadBegin, long PadEnd, long OutputPadding) Transposed(long input, long kernel, long stride, long dilation, Padding padding)
    {
        long effective = (kernel - 1) * dilation + 1;
        long natural = (input - 1) * stride + effective;
        long output = padding == Padding.Valid ? input * stride + Math.Max(effective - stride, 0) : input * stride;
        long crop = natural - output;
        if (crop >= 0) return (output, crop / 2, crop - crop / 2, 0);
        return (output, 0, 0, -crop);
    }
}
