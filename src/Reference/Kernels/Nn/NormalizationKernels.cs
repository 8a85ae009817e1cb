using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Elementwise;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Nn;

/// <summary>
/// BatchNormalization (inference and training mode), InstanceNormalization, LayerNormalization,
/// GroupNormalization, RMSNormalization, LRN, LpNormalization and MeanVarianceNormalization.
/// Statistics are computed in double precision.
/// </summary>
internal static class NormalizationKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add("BatchNormalization", 1, 15, BatchNormalization, computesInFloat32: true);
        r.Add("InstanceNormalization", 1, 22, InstanceNormalization, computesInFloat32: true);
        r.Add("LayerNormalization", 17, 17, LayerNormalization, computesInFloat32: true);
        r.Add("GroupNormalization", 21, 21, GroupNormalization, computesInFloat32: true);
        r.Add("RMSNormalization", 23, 23, RmsNormalization, computesInFloat32: true);
        r.Add("LRN", 1, 13, Lrn, computesInFloat32: true);
        r.Add("LpNormalization", 1, 22, LpNormalization, computesInFloat32: true);
        r.Add("MeanVarianceNormalization", 9, 13, MeanVarianceNormalization, computesInFloat32: true);
    }

    /// <summary>Shape [C, 1, ..., 1] for broadcasting a per-channel vector against [N, C, ...] of <paramref name="rank"/>.</summary>
    private static TensorValue PerChannel(TensorValue v, int rank) => v.Reshaped([v.ElementCount, .. Enumerable.Repeat(1, rank - 2)]);

    private static TensorValue FromDoubles(double[] values, int[] dims, DataType type) => new(type, dims, ElementConverter.FromDoubles(values, type));

    /// <remarks>
    /// Training mode (batch statistics) is <c>training_mode=1</c> from opset 14 on and <c>is_test=0</c> (the
    /// default) before opset 7, whose outputs are Y, the updated running mean and variance, and the batch
    /// mean and variance ("saved"). Before opset 9, <c>spatial=0</c> keeps statistics per element of a
    /// sample rather than per channel: scale, B, mean and var then hold C·D1·…·Dn values, and the data is
    /// handled as [N, C·D1·…·Dn].
    /// </remarks>
    private static void BatchNormalization(OpContext c)
    {
        var x = c.Input(0);
        var mean = c.Input(3);
        var variance = c.Input(4);
        double epsilon = c.Float("epsilon", 1e-5f), momentum = c.Float("momentum", 0.9f);
        bool training = c.Version >= 14 ? c.Int("training_mode", 0) != 0 : c.Version < 7 && c.Int("is_test", 0) == 0;
        var shape = x.Dims;
        if (c.Version < 9 && c.Int("spatial", 1) == 0)
        {
            int features = x.ElementCount / Math.Max(1, x.Dims[0]);
            if (mean.ElementCount != features)
                throw new OnnxKitException($"BatchNormalization with spatial=0 needs statistics for each of the {features} elements of a sample, got {mean.Describe()}.");
            x = x.Reshaped([x.Dims[0], features]);
        }
        if (training)
        {
            var (batchMean, batchVariance) = ChannelStatistics(x);
            var runningMean = ElementConverter.ToDoubles(mean).Zip(batchMean, (m, b) => m * momentum + b * (1 - momentum)).ToArray();
            var runningVariance = ElementConverter.ToDoubles(variance).Zip(batchVariance, (v, b) => v * momentum + b * (1 - momentum)).ToArray();
            mean = FromDoubles(batchMean, mean.Dims, mean.ElementType);
            variance = FromDoubles(batchVariance, variance.Dims, variance.ElementType);
            c.SetOutput(1, FromDoubles(runningMean, mean.Dims, mean.ElementType));
            c.SetOutput(2, FromDoubles(runningVariance, variance.Dims, variance.ElementType));
            if (c.Version < 7)
            {
                c.SetOutput(3, mean);
                c.SetOutput(4, variance);
            }
        }
        // y = x·a + b per channel, with a = γ/√(σ²+ε) and b = β − μ·a.
        var gamma = ElementConverter.ToDoubles(c.Input(1));
        var beta = ElementConverter.ToDoubles(c.Input(2));
        var means = ElementConverter.ToDoubles(mean);
        var factors = ElementConverter.ToDoubles(variance).Select((v, ch) => gamma[ch] / Math.Sqrt(v + epsilon)).ToArray();
        var offsets = beta.Select((b, ch) => b - means[ch] * factors[ch]).ToArray();
        c.SetOutput(0, PerChannelAffine(x, factors, offsets).Reshaped(shape));
    }

    /// <summary>x·a[c] + b[c] over [N, C, ...]; vectorized for float32, in double precision otherwise.</summary>
    private static TensorValue PerChannelAffine(TensorValue x, double[] factors, double[] offsets)
    {
        int batch = x.Dims[0], channels = x.Dims[1], size = ShapeMath.Product(x.Dims, 2, x.Rank);
        if (x.ElementType == DataType.Float)
        {
            var input = x.Array<float>();
            var output = GC.AllocateUninitializedArray<float>(input.Length);
            for (int plane = 0; plane < batch * channels; plane++)
            {
                int ch = plane % channels;
                var target = output.AsSpan(plane * size, size);
                System.Numerics.Tensors.TensorPrimitives.Multiply(input.AsSpan(plane * size, size), (float)factors[ch], target);
                System.Numerics.Tensors.TensorPrimitives.Add(target, (float)offsets[ch], target);
            }
            return new TensorValue(DataType.Float, x.Dims, output);
        }
        var values = ElementConverter.ToDoubles(x);
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            int ch = i / size % channels;
            result[i] = values[i] * factors[ch] + offsets[ch];
        }
        return FromDoubles(result, x.Dims, x.ElementType);
    }

    /// <summary>Per-channel mean and (population) variance of [N, C, ...] over N and the spatial dims.</summary>
    private static (double[] Mean, double[] Variance) ChannelStatistics(TensorValue x)
    {
        var values = ElementConverter.ToDoubles(x);
        int batch = x.Dims[0], channels = x.Dims[1], size = ShapeMath.Product(x.Dims, 2, x.Rank);
        var mean = new double[channels];
        var variance = new double[channels];
        for (int ch = 0; ch < channels; ch++)
        {
            double sum = 0, squares = 0;
            for (int n = 0; n < batch; n++)
            {
                for (int i = 0; i < size; i++) sum += values[(n * channels + ch) * size + i];
            }
            mean[ch] = sum / (batch * size);
            for (int n = 0; n < batch; n++)
            {
                for (int i = 0; i < size; i++)
                {
                    double d = values[(n * channels + ch) * size + i] - mean[ch];
                    squares += d * d;
                }
            }
            variance[ch] = squares / (batch * size);
        }
        return (mean, variance);
    }

    /// <summary>Standardizes each row of <paramref name="values"/> viewed as [rows, values.Length/rows]; returns the row means and 1/σ.</summary>
    private static (double[] Normalized, double[] Mean, double[] InverseStd) StandardizeRows(double[] values, int rows, double epsilon)
    {
        int cols = rows == 0 ? 0 : values.Length / rows;
        var normalized = new double[values.Length];
        var means = new double[rows];
        var inverse = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            var row = values.AsSpan(r * cols, cols);
            double mean = 0;
            foreach (double v in row) mean += v;
            mean /= cols;
            double variance = 0;
            foreach (double v in row) variance += (v - mean) * (v - mean);
            variance /= cols;
            double inv = 1 / Math.Sqrt(variance + epsilon);
            for (int j = 0; j < cols; j++) normalized[r * cols + j] = (row[j] - mean) * inv;
            means[r] = mean;
            inverse[r] = inv;
        }
        return (normalized, means, inverse);
    }

    private static void InstanceNormalization(OpContext c)
    {
        var x = c.Input(0);
        double epsilon = c.Float("epsilon", 1e-5f);
        var (normalized, _, _) = StandardizeRows(ElementConverter.ToDoubles(x), x.Dims[0] * x.Dims[1], epsilon);
        var y = FromDoubles(normalized, x.Dims, x.ElementType);
        c.SetOutput(0, ArithmeticKernels.Add(ArithmeticKernels.Mul(y, PerChannel(c.Input(1), x.Rank)), PerChannel(c.Input(2), x.Rank)));
    }

    private static void LayerNormalization(OpContext c)
    {
        var x = c.Input(0);
        int axis = ShapeMath.NormalizeAxis(c.Int("axis", -1), x.Rank);
        double epsilon = c.Float("epsilon", 1e-5f);
        int rows = ShapeMath.Product(x.Dims, 0, axis);
        var (normalized, mean, inverse) = StandardizeRows(ElementConverter.ToDoubles(x), rows, epsilon);
        var y = ArithmeticKernels.Mul(FromDoubles(normalized, x.Dims, x.ElementType), c.Input(1));
        if (c.OptionalInput(2) is { } bias) y = ArithmeticKernels.Add(y, bias);
        var statisticsDims = x.Dims.Select((d, a) => a < axis ? d : 1).ToArray();
        c.SetOutput(0, y);
        c.SetOutput(1, FromDoubles(mean, statisticsDims, x.ElementType));
        c.SetOutput(2, FromDoubles(inverse, statisticsDims, x.ElementType));
    }

    private static void GroupNormalization(OpContext c)
    {
        var x = c.Input(0);
        int groups = (int)c.Required("num_groups").AsInt();
        int channels = x.Dims[1];
        if (groups <= 0 || channels % groups != 0) throw new OnnxKitException($"{channels} channels do not divide into {groups} groups.");
        double epsilon = c.Float("epsilon", 1e-5f);
        var (normalized, _, _) = StandardizeRows(ElementConverter.ToDoubles(x), x.Dims[0] * groups, epsilon);
        var y = FromDoubles(normalized, x.Dims, x.ElementType);
        c.SetOutput(0, ArithmeticKernels.Add(ArithmeticKernels.Mul(y, PerChannel(c.Input(1), x.Rank)), PerChannel(c.Input(2), x.Rank)));
    }

    private static void RmsNormalization(OpContext c)
    {
        var x = c.Input(0);
        int axis = ShapeMath.NormalizeAxis(c.Int("axis", -1), x.Rank);
        double epsilon = c.Float("epsilon", 1e-5f);
        var values = ElementConverter.ToDoubles(x);
        int rows = ShapeMath.Product(x.Dims, 0, axis), cols = rows == 0 ? 0 : values.Length / rows;
        var result = new double[values.Length];
        for (int r = 0; r < rows; r++)
        {
            double squares = 0;
            for (int j = 0; j < cols; j++) squares += values[r * cols + j] * values[r * cols + j];
            double inverse = 1 / Math.Sqrt(squares / cols + epsilon);
            for (int j = 0; j < cols; j++) result[r * cols + j] = values[r * cols + j] * inverse;
        }
        c.SetOutput(0, ArithmeticKernels.Mul(FromDoubles(result, x.Dims, x.ElementType), c.Input(1)));
    }

    private static void Lrn(OpContext c)
    {
        var x = c.Input(0);
        double alpha = c.Float("alpha", 1e-4f), beta = c.Float("beta", 0.75f), bias = c.Float("bias", 1f);
        int size = (int)c.Required("size").AsInt();
        var values = ElementConverter.ToDoubles(x);
        int batch = x.Dims[0], channels = x.Dims[1], plane = ShapeMath.Product(x.Dims, 2, x.Rank);
        int before = (size - 1) / 2, after = size - 1 - before;
        var result = new double[values.Length];
        for (int n = 0; n < batch; n++)
        {
            for (int ch = 0; ch < channels; ch++)
            {
                for (int i = 0; i < plane; i++)
                {
                    double squares = 0;
                    for (int k = Math.Max(0, ch - before); k <= Math.Min(channels - 1, ch + after); k++)
                    {
                        double v = values[(n * channels + k) * plane + i];
                        squares += v * v;
                    }
                    int at = (n * channels + ch) * plane + i;
                    result[at] = values[at] / Math.Pow(bias + alpha / size * squares, beta);
                }
            }
        }
        c.SetOutput(0, FromDoubles(result, x.Dims, x.ElementType));
    }

    private static void LpNormalization(OpContext c)
    {
        var x = c.Input(0);
        int axis = ShapeMath.NormalizeAxis(c.Int("axis", -1), x.Rank);
        long p = c.Int("p", 2);
        if (p is not (1 or 2)) throw new OnnxKitException($"LpNormalization p = {p} is neither 1 nor 2.");
        var values = ElementConverter.ToDoubles(x);
        int outer = ShapeMath.Product(x.Dims, 0, axis), length = x.Dims[axis], inner = ShapeMath.Product(x.Dims, axis + 1, x.Rank);
        var result = new double[values.Length];
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                double norm = 0;
                for (int j = 0; j < length; j++)
                {
                    double v = values[(o * length + j) * inner + i];
                    norm += p == 1 ? Math.Abs(v) : v * v;
                }
                if (p == 2) norm = Math.Sqrt(norm);
                for (int j = 0; j < length; j++)
                {
                    int at = (o * length + j) * inner + i;
                    result[at] = norm == 0 ? 0 : values[at] / norm;
                }
            }
        }
        c.SetOutput(0, FromDoubles(result, x.Dims, x.ElementType));
    }

    private static void MeanVarianceNormalization(OpContext c)
    {
        var x = c.Input(0);
        var axes = c.Ints("axes") ?? [0, 2, 3];
        var mean = Reduction.ReduceKernels.Reduce(x, axes, true, false, v => v.Average());
        var centered = ArithmeticKernels.Sub(x, mean);
        var variance = Reduction.ReduceKernels.Reduce(ArithmeticKernels.Mul(centered, centered), axes, true, false, v => v.Average());
        var std = FloatMap.Apply(variance, v => Math.Sqrt(v) + 1e-9);
        c.SetOutput(0, ArithmeticKernels.Div(centered, std));
    }
}
