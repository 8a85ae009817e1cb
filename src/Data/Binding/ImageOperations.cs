namespace OnnxKit.Data.Binding;

/// <summary>
/// The per-record image work of the binder, on float pixels: channel conversion (grayscale ↔
/// RGB, alpha dropped; luminance with ITU-R BT.601 weights), bilinear resizing with half-pixel
/// centres (as ONNX Resize's <c>linear</c>/<c>half_pixel</c> mode and OpenCV do), and layout
/// (channels first or last). Written here because it works on float tensors, which no imaging
/// library takes, and is a few dozen lines.
/// </summary>
internal static class ImageOperations
{
    /// <summary>Converts one record from <paramref name="source"/> to <paramref name="target"/>; <paramref name="scratch"/> holds at least source H·W·target C floats.</summary>
    public static void Transform(ImageGeometry g, ReadOnlySpan<float> source, Span<float> target, Span<float> scratch)
    {
        int pixels = g.SourceHeight * g.SourceWidth;
        int c = g.TargetChannels;
        var hwc = scratch[..(pixels * c)];
        for (int p = 0; p < pixels; p++)
        {
            int first = g.SourceChannelsFirst ? p : p * g.SourceChannels, step = g.SourceChannelsFirst ? pixels : 1;
            if (c == 1 && g.SourceChannels >= 3) hwc[p] = 0.299f * source[first] + 0.587f * source[first + step] + 0.114f * source[first + 2 * step];
            else if (c == 3 && g.SourceChannels == 1) hwc[p * 3] = hwc[p * 3 + 1] = hwc[p * 3 + 2] = source[first];
            else for (int k = 0; k < c; k++) hwc[p * c + k] = source[first + k * step];
        }
        int outPixels = g.TargetHeight * g.TargetWidth;
        for (int y = 0; y < g.TargetHeight; y++)
        {
            var (y0, y1, wy) = Sample(y, g.SourceHeight, g.TargetHeight);
            for (int x = 0; x < g.TargetWidth; x++)
            {
                var (x0, x1, wx) = Sample(x, g.SourceWidth, g.TargetWidth);
                int p = y * g.TargetWidth + x;
                for (int k = 0; k < c; k++)
                {
                    float top = hwc[(y0 * g.SourceWidth + x0) * c + k] * (1 - wx) + hwc[(y0 * g.SourceWidth + x1) * c + k] * wx;
                    float bottom = hwc[(y1 * g.SourceWidth + x0) * c + k] * (1 - wx) + hwc[(y1 * g.SourceWidth + x1) * c + k] * wx;
                    target[g.TargetChannelsFirst ? k * outPixels + p : p * c + k] = top * (1 - wy) + bottom * wy;
                }
            }
        }
    }

    /// <summary>The two source rows (or columns) around target position <paramref name="i"/> and the weight of the second.</summary>
    private static (int Low, int High, float Weight) Sample(int i, int sourceSize, int targetSize)
    {
        if (sourceSize == targetSize) return (i, i, 0);
        double position = Math.Clamp((i + 0.5) * sourceSize / targetSize - 0.5, 0, sourceSize - 1);
        int low = (int)Math.Floor(position);
        int high = Math.Min(low + 1, sourceSize - 1);
        return (low, high, (float)(position - low));
    }
}
