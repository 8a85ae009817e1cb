namespace OnnxKit.Exporter.Tests.TestSupport;

/// <summary>
/// Straightforward loop implementations of a few layers, written from their definitions,
/// as the independent side of numeric checks.
/// </summary>
internal static class NaiveOps
{
    /// <summary>y[n, o] = Σ_i x[n, i]·w[i, o] + b[o].</summary>
    public static float[] Dense(float[] x, int batch, int inputs, float[] w, float[]? b, int units)
    {
        var y = new float[batch * units];
        for (int n = 0; n < batch; n++)
        {
            for (int o = 0; o < units; o++)
            {
                double sum = b?[o] ?? 0;
                for (int i = 0; i < inputs; i++) sum += x[n * inputs + i] * (double)w[i * units + o];
                y[n * units + o] = (float)sum;
            }
        }
        return y;
    }

    /// <summary>
    /// Grouped 2-D convolution on NCHW input with kernel [F, C/g, kh, kw], explicit pads
    /// (zero padding), strides and dilations. Returns the output and its height and width.
    /// </summary>
    public static (float[] Y, int Height, int Width) Conv2D(float[] x, int batch, int channels, int height, int width,
        float[] w, float[]? b, int filters, int kh, int kw, int stride, int dilation, int padTop, int padLeft, int outHeight, int outWidth, int groups = 1)
    {
        var y = new float[batch * filters * outHeight * outWidth];
        int perGroupIn = channels / groups, perGroupOut = filters / groups;
        for (int n = 0; n < batch; n++)
        for (int f = 0; f < filters; f++)
        for (int oy = 0; oy < outHeight; oy++)
        for (int ox = 0; ox < outWidth; ox++)
        {
            int g = f / perGroupOut;
            double sum = b?[f] ?? 0;
            for (int c = 0; c < perGroupIn; c++)
            for (int ky = 0; ky < kh; ky++)
            for (int kx = 0; kx < kw; kx++)
            {
                int iy = oy * stride + ky * dilation - padTop;
                int ix = ox * stride + kx * dilation - padLeft;
                if (iy < 0 || iy >= height || ix < 0 || ix >= width) continue;
                int ci = g * perGroupIn + c;
                sum += x[((n * channels + ci) * height + iy) * width + ix] * (double)w[((f * perGroupIn + c) * kh + ky) * kw + kx];
            }
            y[((n * filters + f) * outHeight + oy) * outWidth + ox] = (float)sum;
        }
        return (y, outHeight, outWidth);
    }

    /// <summary>Transposes NCHW data to NHWC.</summary>
    public static float[] ToNhwc(float[] x, int batch, int channels, int height, int width)
    {
        var y = new float[x.Length];
        for (int n = 0; n < batch; n++)
        for (int c = 0; c < channels; c++)
        for (int h = 0; h < height; h++)
        for (int w = 0; w < width; w++)
            y[((n * height + h) * width + w) * channels + c] = x[((n * channels + c) * height + h) * width + w];
        return y;
    }

    /// <summary>
    /// Transposed 2-D convolution (scatter form) on NCHW input with kernel [C, F, kh, kw]:
    /// each input pixel adds its kernel-weighted contribution at stride positions, then the
    /// output is cropped by the pads.
    /// </summary>
    public static float[] ConvTranspose2D(float[] x, int channels, int height, int width, float[] w, float[]? b, int filters,
        int kh, int kw, int stride, int padTop, int padLeft, int outHeight, int outWidth)
    {
        var y = new double[filters * outHeight * outWidth];
        for (int f = 0; f < filters; f++)
        for (int i = 0; i < outHeight * outWidth; i++) y[f * outHeight * outWidth + i] = b?[f] ?? 0;
        for (int c = 0; c < channels; c++)
        for (int iy = 0; iy < height; iy++)
        for (int ix = 0; ix < width; ix++)
        for (int f = 0; f < filters; f++)
        for (int ky = 0; ky < kh; ky++)
        for (int kx = 0; kx < kw; kx++)
        {
            int oy = iy * stride + ky - padTop, ox = ix * stride + kx - padLeft;
            if (oy < 0 || oy >= outHeight || ox < 0 || ox >= outWidth) continue;
            y[(f * outHeight + oy) * outWidth + ox] += x[(c * height + iy) * width + ix] * (double)w[((c * filters + f) * kh + ky) * kw + kx];
        }
        return Array.ConvertAll(y, v => (float)v);
    }

    /// <summary>Max or average pooling over NCHW input; padded positions are skipped (never the max, not counted in the mean).</summary>
    public static float[] Pool2D(float[] x, int channels, int height, int width, int k, int stride, int padTop, int padLeft, int outHeight, int outWidth, bool max)
    {
        var y = new float[channels * outHeight * outWidth];
        for (int c = 0; c < channels; c++)
        for (int oy = 0; oy < outHeight; oy++)
        for (int ox = 0; ox < outWidth; ox++)
        {
            double acc = max ? double.NegativeInfinity : 0;
            int count = 0;
            for (int ky = 0; ky < k; ky++)
            for (int kx = 0; kx < k; kx++)
            {
                int iy = oy * stride + ky - padTop, ix = ox * stride + kx - padLeft;
                if (iy < 0 || iy >= height || ix < 0 || ix >= width) continue;
                double v = x[(c * height + iy) * width + ix];
                acc = max ? Math.Max(acc, v) : acc + v;
                count++;
            }
            y[(c * outHeight + oy) * outWidth + ox] = (float)(max ? acc : acc / count);
        }
        return y;
    }
}
