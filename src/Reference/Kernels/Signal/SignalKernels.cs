using System.Numerics;
using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Tensor;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Signal;

/// <summary>Signal processing: DFT, STFT, the Hann/Hamming/Blackman windows and MelWeightMatrix.</summary>
internal static class SignalKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add("DFT", 17, 20, Dft, computesInFloat32: true);
        r.Add("STFT", 17, 17, Stft, computesInFloat32: true);
        r.Add("HannWindow", 17, 17, c => Window(c, (n, N) => 0.5 - 0.5 * Math.Cos(2 * Math.PI * n / N)));
        r.Add("HammingWindow", 17, 17, c => Window(c, (n, N) => 25.0 / 46 - 21.0 / 46 * Math.Cos(2 * Math.PI * n / N)));
        r.Add("BlackmanWindow", 17, 17, c => Window(c, (n, N) => 0.42 - 0.5 * Math.Cos(2 * Math.PI * n / N) + 0.08 * Math.Cos(4 * Math.PI * n / N)));
        r.Add("MelWeightMatrix", 17, 17, MelWeightMatrix);
    }

    /// <summary>Reads [..., 1] (real) or [..., 2] (complex) into complex numbers over the leading dims.</summary>
    private static Complex[] ToComplex(TensorValue x)
    {
        var values = ElementConverter.ToDoubles(x);
        int parts = x.Dims[^1];
        if (parts is not (1 or 2)) throw new OnnxKitException($"the last dim must be 1 (real) or 2 (complex), got {x.Describe()}.");
        var result = new Complex[values.Length / parts];
        for (int i = 0; i < result.Length; i++) result[i] = parts == 1 ? new Complex(values[i], 0) : new Complex(values[2 * i], values[2 * i + 1]);
        return result;
    }

    private static TensorValue FromComplex(Complex[] values, int[] dims, DataType type, bool realOnly = false)
    {
        var flat = realOnly ? values.Select(v => v.Real).ToArray() : values.SelectMany(v => new[] { v.Real, v.Imaginary }).ToArray();
        return new TensorValue(type, [.. dims, realOnly ? 1 : 2], ElementConverter.FromDoubles(flat, type));
    }

    private static void Dft(OpContext c)
    {
        var x = c.Input(0);
        long? length = c.OptionalInput(1) is { } l ? KernelInputs.ScalarLong(l) : null;
        long axisValue = c.Version >= 20 ? (c.OptionalInput(2) is { } a ? KernelInputs.ScalarLong(a) : -2) : c.Int("axis", 1);
        int axis = (int)(((axisValue % x.Rank) + x.Rank) % x.Rank);
        if (axis == x.Rank - 1) throw new OnnxKitException("DFT's axis cannot be the last (complex) dim.");
        bool inverse = c.Int("inverse", 0) != 0, onesided = c.Int("onesided", 0) != 0;
        var signal = ToComplex(x);
        var dims = x.Dims[..^1];
        int n = (int)(length ?? (inverse && onesided ? 2 * (dims[axis] - 1) : dims[axis]));
        if (n <= 0) throw new OnnxKitException($"DFT length {n} is not positive.");
        if (inverse && onesided)
        {
            var full = ExpandHermitian(signal, dims, axis, n);
            var (result, resultDims) = Transform(full.Values, full.Dims, axis, n, inverse: true);
            c.SetOutput(0, FromComplex(result, resultDims, x.ElementType, realOnly: true));
            return;
        }
        var (output, outDims) = Transform(signal, dims, axis, n, inverse);
        if (onesided) (output, outDims) = Truncate(output, outDims, axis, n / 2 + 1);
        c.SetOutput(0, FromComplex(output, outDims, x.ElementType));
    }

    /// <summary>Rebuilds the full spectrum of a real signal from its one-sided half (X[n−k] = conj X[k]).</summary>
    private static (Complex[] Values, int[] Dims) ExpandHermitian(Complex[] half, int[] dims, int axis, int n)
    {
        int outer = ShapeMath.Product(dims, 0, axis), length = dims[axis], inner = ShapeMath.Product(dims, axis + 1, dims.Length);
        var full = new Complex[outer * n * inner];
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                for (int k = 0; k < n; k++)
                {
                    int source = k < length ? k : n - k;
                    Complex v = source < length ? half[(o * length + source) * inner + i] : Complex.Zero;
                    if (k >= length) v = Complex.Conjugate(v);
                    if (k == 0 || (n % 2 == 0 && k == n / 2)) v = new Complex(v.Real, 0);
                    full[(o * n + k) * inner + i] = v;
                }
            }
        }
        var fullDims = (int[])dims.Clone();
        fullDims[axis] = n;
        return (full, fullDims);
    }

    /// <summary>The DFT (or inverse DFT, scaled by 1/n) of length n along <paramref name="axis"/>; input is zero-padded or truncated to n.</summary>
    private static (Complex[] Values, int[] Dims) Transform(Complex[] values, int[] dims, int axis, int n, bool inverse)
    {
        int outer = ShapeMath.Product(dims, 0, axis), length = dims[axis], inner = ShapeMath.Product(dims, axis + 1, dims.Length);
        var result = new Complex[outer * n * inner];
        var line = new Complex[n];
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                for (int k = 0; k < n; k++) line[k] = k < length ? values[(o * length + k) * inner + i] : Complex.Zero;
                var transformed = Fourier.Transform(line, inverse);
                for (int k = 0; k < n; k++) result[(o * n + k) * inner + i] = inverse ? transformed[k] / n : transformed[k];
            }
        }
        var outDims = (int[])dims.Clone();
        outDims[axis] = n;
        return (result, outDims);
    }

    private static (Complex[] Values, int[] Dims) Truncate(Complex[] values, int[] dims, int axis, int keep)
    {
        int outer = ShapeMath.Product(dims, 0, axis), length = dims[axis], inner = ShapeMath.Product(dims, axis + 1, dims.Length);
        var result = new Complex[outer * keep * inner];
        for (int o = 0; o < outer; o++)
        {
            for (int k = 0; k < keep; k++) Array.Copy(values, (o * length + k) * inner, result, (o * keep + k) * inner, inner);
        }
        var outDims = (int[])dims.Clone();
        outDims[axis] = keep;
        return (result, outDims);
    }

    private static void Stft(OpContext c)
    {
        var x = c.Input(0);
        int step = (int)KernelInputs.ScalarLong(c.Input(1));
        var window = c.OptionalInput(2) is { } w ? ElementConverter.ToDoubles(w) : null;
        int frameLength = c.OptionalInput(3) is { } fl ? (int)KernelInputs.ScalarLong(fl) : window?.Length ?? x.Dims[^2];
        window ??= Enumerable.Repeat(1.0, frameLength).ToArray();
        bool onesided = c.Int("onesided", 1) != 0;
        var signal = ToComplex(x);
        int batch = x.Dims[0], length = x.Dims[1];
        if (step <= 0 || frameLength <= 0 || frameLength > length) throw new OnnxKitException($"STFT frame {frameLength} with step {step} does not fit a signal of {length}.");
        int frames = 1 + (length - frameLength) / step;
        int bins = onesided ? frameLength / 2 + 1 : frameLength;
        var result = new Complex[batch * frames * bins];
        var frame = new Complex[frameLength];
        for (int b = 0; b < batch; b++)
        {
            for (int f = 0; f < frames; f++)
            {
                for (int k = 0; k < frameLength; k++) frame[k] = signal[b * length + f * step + k] * (k < window.Length ? window[k] : 0);
                var transformed = Fourier.Transform(frame, inverse: false);
                Array.Copy(transformed, 0, result, (b * frames + f) * bins, bins);
            }
        }
        c.SetOutput(0, FromComplex(result, [batch, frames, bins], x.ElementType));
    }

    private static void Window(OpContext c, Func<double, double, double> formula)
    {
        long size = KernelInputs.ScalarLong(c.Input(0));
        if (size < 0 || size > Array.MaxLength) throw new OnnxKitException($"window size {size} is out of range.");
        bool periodic = c.Int("periodic", 1) != 0;
        var type = (DataType)c.Int("output_datatype", (long)DataType.Float);
        double denominator = periodic ? size : size - 1;
        var values = Enumerable.Range(0, (int)size).Select(n => formula(n, denominator)).ToArray();
        c.SetOutput(0, new TensorValue(type, [(int)size], ElementConverter.FromDoubles(values, type)));
    }

    private static void MelWeightMatrix(OpContext c)
    {
        long melBins = KernelInputs.ScalarLong(c.Input(0)), dftLength = KernelInputs.ScalarLong(c.Input(1)), sampleRate = KernelInputs.ScalarLong(c.Input(2));
        double lower = KernelInputs.Scalar(c.Input(3)), upper = KernelInputs.Scalar(c.Input(4));
        var type = (DataType)c.Int("output_datatype", (long)DataType.Float);
        int spectrogramBins = (int)(dftLength / 2 + 1);
        double lowMel = 2595 * Math.Log10(1 + lower / 700), highMel = 2595 * Math.Log10(1 + upper / 700);
        double step = (highMel - lowMel) / (melBins + 2);
        var edges = Enumerable.Range(0, (int)melBins + 2).Select(i =>
        {
            double hertz = 700 * (Math.Pow(10, (i * step + lowMel) / 2595) - 1);
            return (int)Math.Floor((dftLength + 1) * hertz / sampleRate);
        }).ToArray();
        var output = new double[spectrogramBins * melBins];
        for (int i = 0; i < melBins; i++)
        {
            int left = edges[i], center = edges[i + 1], right = edges[i + 2];
            if (center == left) output[center * melBins + i] = 1;
            else for (int j = left; j <= center; j++) output[j * melBins + i] = (double)(j - left) / (center - left);
            for (int j = center; j < right; j++) output[j * melBins + i] = (double)(right - j) / (right - center);
        }
        c.SetOutput(0, new TensorValue(type, [spectrogramBins, (int)melBins], ElementConverter.FromDoubles(output, type)));
    }
}
