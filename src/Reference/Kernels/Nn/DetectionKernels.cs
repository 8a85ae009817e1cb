using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Tensor;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Nn;

/// <summary>Object-detection operators: NonMaxSuppression, RoiAlign and MaxRoiPool.</summary>
internal static class DetectionKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add("NonMaxSuppression", 10, 11, NonMaxSuppression);
        r.Add("RoiAlign", 10, 22, RoiAlign, computesInFloat32: true);
        r.Add("MaxRoiPool", 1, 22, MaxRoiPool, computesInFloat32: true);
    }

    /// <summary>
    /// MaxRoiPool (Fast R-CNN's RoI pooling): each RoI [batch, x1, y1, x2, y2], scaled by
    /// <c>spatial_scale</c> and rounded to whole pixels (corners included), is cut into
    /// pooled_shape[0] × pooled_shape[1] bins, bin (i, j) covering rows ⌊i·h/ph⌋ to ⌈(i+1)·h/ph⌉ of the RoI
    /// (clipped to the image); each output is its bin's maximum, or 0 for an empty bin.
    /// </summary>
    private static void MaxRoiPool(OpContext c)
    {
        var x = c.Input(0);
        var rois = ElementConverter.ToDoubles(c.Input(1));
        var pooled = c.Ints("pooled_shape") ?? throw new OnnxKitException("attribute 'pooled_shape' is missing.");
        if (x.Rank != 4 || pooled.Length != 2 || c.Input(1).Rank != 2 || c.Input(1).Dims[1] != 5)
            throw new OnnxKitException($"MaxRoiPool needs X [N,C,H,W], rois [R,5] and two pooled sizes, got {x.Describe()}, {c.Input(1).Describe()} and {pooled.Length} sizes.");
        double scale = c.Float("spatial_scale", 1f);
        int channels = x.Dims[1], height = x.Dims[2], width = x.Dims[3], ph = (int)pooled[0], pw = (int)pooled[1];
        int count = c.Input(1).Dims[0];
        var values = ElementConverter.ToDoubles(x);
        var result = new double[count * channels * ph * pw];
        for (int r = 0; r < count; r++)
        {
            var roi = rois.AsSpan(r * 5, 5);
            int batch = (int)roi[0];
            if (batch < 0 || batch >= x.Dims[0]) throw new OnnxKitException($"RoI {r} names batch {batch}, but X has {x.Dims[0]}.");
            int left = (int)Math.Round(roi[1] * scale, MidpointRounding.AwayFromZero), top = (int)Math.Round(roi[2] * scale, MidpointRounding.AwayFromZero);
            int right = (int)Math.Round(roi[3] * scale, MidpointRounding.AwayFromZero), bottom = (int)Math.Round(roi[4] * scale, MidpointRounding.AwayFromZero);
            double binHeight = Math.Max(bottom - top + 1, 1) / (double)ph, binWidth = Math.Max(right - left + 1, 1) / (double)pw;
            for (int ch = 0; ch < channels; ch++)
            {
                int plane = (batch * channels + ch) * height * width;
                for (int i = 0; i < ph; i++)
                {
                    int rowStart = Math.Clamp((int)Math.Floor(i * binHeight) + top, 0, height), rowEnd = Math.Clamp((int)Math.Ceiling((i + 1) * binHeight) + top, 0, height);
                    for (int j = 0; j < pw; j++)
                    {
                        int colStart = Math.Clamp((int)Math.Floor(j * binWidth) + left, 0, width), colEnd = Math.Clamp((int)Math.Ceiling((j + 1) * binWidth) + left, 0, width);
                        double max = rowEnd > rowStart && colEnd > colStart ? double.NegativeInfinity : 0;
                        for (int y = rowStart; y < rowEnd; y++)
                        {
                            for (int xx = colStart; xx < colEnd; xx++) max = Math.Max(max, values[plane + y * width + xx]);
                        }
                        result[((r * channels + ch) * ph + i) * pw + j] = max;
                    }
                }
            }
        }
        c.SetOutput(0, new TensorValue(x.ElementType, [count, channels, ph, pw], ElementConverter.FromDoubles(result, x.ElementType)));
    }

    private static void NonMaxSuppression(OpContext c)
    {
        var boxes = ElementConverter.ToDoubles(c.Input(0));
        var scoreTensor = c.Input(1);
        var scores = ElementConverter.ToDoubles(scoreTensor);
        long maxPerClass = c.OptionalInput(2) is { ElementCount: > 0 } m ? Math.Max(KernelInputs.ScalarLong(m), 0) : 0;
        double iouThreshold = c.OptionalInput(3) is { ElementCount: > 0 } iou ? KernelInputs.Scalar(iou) : 0;
        double? scoreThreshold = c.OptionalInput(4) is { ElementCount: > 0 } st ? KernelInputs.Scalar(st) : null;
        bool centered = c.Int("center_point_box", 0) != 0;
        int batches = scoreTensor.Dims[0], classes = scoreTensor.Dims[1], count = scoreTensor.Dims[2];
        var selected = new List<long>();
        for (int b = 0; b < batches; b++)
        {
            for (int k = 0; k < classes; k++)
            {
                int scoreBase = (b * classes + k) * count;
                var candidates = Enumerable.Range(0, count)
                    .Where(i => scoreThreshold is not { } threshold || scores[scoreBase + i] > threshold)
                    .OrderByDescending(i => scores[scoreBase + i]).ThenBy(i => i).ToList();
                var kept = new List<int>();
                foreach (int candidate in candidates)
                {
                    if (kept.Count >= maxPerClass) break;
                    if (kept.Any(other => Overlaps(boxes, (b * count + candidate) * 4, (b * count + other) * 4, centered, iouThreshold))) continue;
                    kept.Add(candidate);
                    selected.AddRange([b, k, candidate]);
                }
            }
        }
        c.SetOutput(0, new TensorValue(DataType.Int64, [selected.Count / 3, 3], selected.ToArray()));
    }

    /// <summary>True when the boxes' intersection over union exceeds <paramref name="threshold"/>.</summary>
    private static bool Overlaps(double[] boxes, int a, int b, bool centered, double threshold)
    {
        var (ay0, ax0, ay1, ax1) = Corners(boxes, a, centered);
        var (by0, bx0, by1, bx1) = Corners(boxes, b, centered);
        double width = Math.Min(ax1, bx1) - Math.Max(ax0, bx0), height = Math.Min(ay1, by1) - Math.Max(ay0, by0);
        if (width <= 0 || height <= 0) return false;
        double intersection = width * height;
        double areaA = (ax1 - ax0) * (ay1 - ay0), areaB = (bx1 - bx0) * (by1 - by0);
        double union = areaA + areaB - intersection;
        if (areaA <= 0 || areaB <= 0 || union <= 0) return false;
        return intersection / union > threshold;
    }

    /// <summary>(y_min, x_min, y_max, x_max) of a box given as corners in any order, or as [x_center, y_center, width, height].</summary>
    private static (double Y0, double X0, double Y1, double X1) Corners(double[] boxes, int at, bool centered)
    {
        if (centered)
        {
            double x = boxes[at], y = boxes[at + 1], w = boxes[at + 2] / 2, h = boxes[at + 3] / 2;
            return (y - h, x - w, y + h, x + w);
        }
        return (Math.Min(boxes[at], boxes[at + 2]), Math.Min(boxes[at + 1], boxes[at + 3]), Math.Max(boxes[at], boxes[at + 2]), Math.Max(boxes[at + 1], boxes[at + 3]));
    }

    private static void RoiAlign(OpContext c)
    {
        var x = c.Input(0);
        var rois = ElementConverter.ToDoubles(c.Input(1));
        var batchIndices = KernelInputs.Longs(c.Input(2));
        bool halfPixel = c.String("coordinate_transformation_mode", c.Version >= 16 ? "half_pixel" : "output_half_pixel") == "half_pixel";
        bool max = c.String("mode", "avg") == "max";
        int outH = (int)c.Int("output_height", 1), outW = (int)c.Int("output_width", 1);
        int sampling = (int)c.Int("sampling_ratio", 0);
        double scale = c.Float("spatial_scale", 1f);
        int channels = x.Dims[1], height = x.Dims[2], width = x.Dims[3], count = c.Input(1).Dims[0];
        var data = ElementConverter.ToDoubles(x);
        var result = new double[count * channels * outH * outW];
        double shift = halfPixel ? 0.5 : 0;
        for (int n = 0; n < count; n++)
        {
            double startW = rois[n * 4] * scale - shift, startH = rois[n * 4 + 1] * scale - shift;
            double roiW = rois[n * 4 + 2] * scale - shift - startW, roiH = rois[n * 4 + 3] * scale - shift - startH;
            if (!halfPixel)
            {
                roiW = Math.Max(roiW, 1);
                roiH = Math.Max(roiH, 1);
            }
            double binH = roiH / outH, binW = roiW / outW;
            int gridH = sampling > 0 ? sampling : (int)Math.Ceiling(roiH / outH);
            int gridW = sampling > 0 ? sampling : (int)Math.Ceiling(roiW / outW);
            int samples = Math.Max(gridH * gridW, 1);
            for (int ch = 0; ch < channels; ch++)
            {
                int plane = ((int)batchIndices[n] * channels + ch) * height * width;
                for (int ph = 0; ph < outH; ph++)
                {
                    for (int pw = 0; pw < outW; pw++)
                    {
                        double value = 0;
                        bool first = true;
                        for (int iy = 0; iy < gridH; iy++)
                        {
                            double y = startH + ph * binH + (iy + 0.5) * binH / gridH;
                            for (int ix = 0; ix < gridW; ix++)
                            {
                                double xx = startW + pw * binW + (ix + 0.5) * binW / gridW;
                                var taps = BilinearTaps(y, xx, height, width);
                                if (max)
                                {
                                    double sample = taps.Length == 0 ? 0 : taps.Max(t => t.Weight * data[plane + t.Offset]);
                                    value = first ? sample : Math.Max(value, sample);
                                    first = false;
                                }
                                else
                                {
                                    foreach (var (offset, weight) in taps) value += weight * data[plane + offset];
                                }
                            }
                        }
                        result[((n * channels + ch) * outH + ph) * outW + pw] = max ? value : value / samples;
                    }
                }
            }
        }
        c.SetOutput(0, new TensorValue(x.ElementType, [count, channels, outH, outW], ElementConverter.FromDoubles(result, x.ElementType)));
    }

    /// <summary>The four corners (offset, weight) of a bilinear sample, clamped at the borders; none when the point is more than a pixel outside.</summary>
    private static (int Offset, double Weight)[] BilinearTaps(double y, double x, int height, int width)
    {
        if (y < -1 || y > height || x < -1 || x > width) return [(0, 0), (0, 0), (0, 0), (0, 0)];
        y = Math.Max(y, 0);
        x = Math.Max(x, 0);
        int y0 = (int)y, x0 = (int)x, y1, x1;
        if (y0 >= height - 1) { y1 = y0 = height - 1; y = y0; } else y1 = y0 + 1;
        if (x0 >= width - 1) { x1 = x0 = width - 1; x = x0; } else x1 = x0 + 1;
        double ly = y - y0, lx = x - x0, hy = 1 - ly, hx = 1 - lx;
        return [(y0 * width + x0, hy * hx), (y0 * width + x1, hy * lx), (y1 * width + x0, ly * hx), (y1 * width + x1, ly * lx)];
    }
}
