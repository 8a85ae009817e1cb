using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Elementwise;
using OnnxKit.Reference.Kernels.Tensor;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Nn;

/// <summary>MatMul (batched, broadcasting), Gemm (with opset 1–6's <c>broadcast</c> attribute), and the integer MatMulInteger.</summary>
internal static class MatMulKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add("MatMul", 1, 13, c => c.SetOutput(0, MatMul(c.Input(0), c.Input(1))), computesInFloat32: true);
        r.Add("Gemm", 1, 6, c => { RequireLegacyBias(c); Gemm(c); }, computesInFloat32: true);
        r.Add("Gemm", 7, 13, Gemm, computesInFloat32: true);
        r.Add("MatMulInteger", 10, 10, MatMulInteger);
    }

    /// <summary>NumPy matmul: 1-D operands are promoted to matrices and the added dim removed; batch dims broadcast.</summary>
    public static TensorValue MatMul(TensorValue a, TensorValue b)
    {
        NumericTypes.RequireSameType(a, b);
        var aDims = a.Rank == 1 ? new[] { 1, a.Dims[0] } : a.Dims;
        var bDims = b.Rank == 1 ? new[] { b.Dims[0], 1 } : b.Dims;
        if (aDims.Length < 2 || bDims.Length < 2) throw new OnnxKitException($"MatMul needs operands of rank 1 or more, got {a.Describe()} and {b.Describe()}.");
        int m = aDims[^2], k = aDims[^1], n = bDims[^1];
        if (bDims[^2] != k) throw new OnnxKitException($"MatMul shapes {a.Describe()} and {b.Describe()} do not agree on the inner dimension.");
        var batch = ShapeMath.Broadcast(aDims[..^2], bDims[..^2]);
        int batches = ShapeMath.ElementCount(batch);
        var aBatch = Broadcast.Offsets(aDims[..^2], batch);
        var bBatch = Broadcast.Offsets(bDims[..^2], batch);
        var dims = batch.Concat(new[] { m, n }).ToList();
        if (a.Rank == 1) dims.RemoveAt(dims.Count - 2);
        if (b.Rank == 1) dims.RemoveAt(dims.Count - 1);
        var resultDims = dims.ToArray();
        switch (a.ElementType)
        {
            case DataType.Float:
                {
                    var result = GC.AllocateUninitializedArray<float>(batches * m * n);
                    for (int t = 0; t < batches; t++)
                        Sgemm.Multiply(m, n, k, a.Array<float>(), aBatch[t] * m * k, k, false, b.Array<float>(), bBatch[t] * k * n, n, false, result, t * m * n, n, false);
                    return new TensorValue(DataType.Float, resultDims, result);
                }
            case DataType.Double:
                {
                    var x = a.Array<double>();
                    var y = b.Array<double>();
                    var result = new double[batches * m * n];
                    for (int t = 0; t < batches; t++)
                        NaiveMultiply(m, n, k, x, aBatch[t] * m * k, y, bBatch[t] * k * n, result, t * m * n);
                    return new TensorValue(DataType.Double, resultDims, result);
                }
            case var type when type.IsInteger():
                {
                    var x = ElementConverter.ToInt64s(a);
                    var y = ElementConverter.ToInt64s(b);
                    var result = new long[batches * m * n];
                    for (int t = 0; t < batches; t++)
                        NaiveMultiply(m, n, k, x, aBatch[t] * m * k, y, bBatch[t] * k * n, result, t * m * n);
                    return new TensorValue(type, resultDims, ElementConverter.FromInt64s(result, type));
                }
            default:
                throw NumericTypes.Unsupported(a.ElementType);
        }
    }

    private static void NaiveMultiply<T>(int m, int n, int k, T[] a, int aOffset, T[] b, int bOffset, T[] c, int cOffset)
        where T : System.Numerics.INumber<T>
    {
        for (int i = 0; i < m; i++)
        {
            for (int p = 0; p < k; p++)
            {
                T av = a[aOffset + i * k + p];
                int bRow = bOffset + p * n, cRow = cOffset + i * n;
                for (int j = 0; j < n; j++) c[cRow + j] = unchecked(c[cRow + j] + av * b[bRow + j]);
            }
        }
    }

    private static void Gemm(OpContext c)
    {
        var a = c.Input(0);
        var b = c.Input(1);
        var bias = c.OptionalInput(2);
        bool transA = c.Int("transA", 0) != 0, transB = c.Int("transB", 0) != 0;
        double alpha = c.Float("alpha", 1f), beta = c.Float("beta", 1f);
        if (a.Rank != 2 || b.Rank != 2) throw new OnnxKitException($"Gemm needs matrices, got {a.Describe()} and {b.Describe()}.");
        int m = transA ? a.Dims[1] : a.Dims[0], k = transA ? a.Dims[0] : a.Dims[1];
        int n = transB ? b.Dims[0] : b.Dims[1];
        if ((transB ? b.Dims[1] : b.Dims[0]) != k) throw new OnnxKitException($"Gemm shapes {a.Describe()} and {b.Describe()} do not agree on the inner dimension.");
        int[] dims = [m, n];
        if (a.ElementType == DataType.Float)
        {
            var result = GC.AllocateUninitializedArray<float>(m * n);
            Sgemm.Multiply(m, n, k, a.Array<float>(), 0, a.Dims[1], transA, b.Array<float>(), 0, b.Dims[1], transB, result, 0, n, false);
            var product = new TensorValue(DataType.Float, dims, result);
            if (alpha != 1) product = ArithmeticKernels.Mul(product, TensorValue.Scalar(DataType.Float, (float)alpha));
            if (bias is not null && beta != 0)
            {
                var scaled = beta == 1 ? bias : ArithmeticKernels.Mul(bias, TensorValue.Scalar(DataType.Float, (float)beta));
                product = ArithmeticKernels.Add(product, scaled);
            }
            c.SetOutput(0, product);
            return;
        }
        var x = transA ? Gathering.Transpose(a, [1, 0]) : a;
        var y = transB ? Gathering.Transpose(b, [1, 0]) : b;
        var scalarType = a.ElementType;
        var output = ArithmeticKernels.Mul(MatMul(x, y), ElementConverter.Convert(TensorValue.Scalar(DataType.Double, alpha), scalarType));
        if (bias is not null && beta != 0)
            output = ArithmeticKernels.Add(output, ArithmeticKernels.Mul(bias, ElementConverter.Convert(TensorValue.Scalar(DataType.Double, beta), scalarType)));
        c.SetOutput(0, output);
    }

    /// <summary>
    /// Gemm before opset 7: C is required, and has Y's shape (M, N) unless <c>broadcast=1</c>, which lets
    /// it broadcast to Y as from opset 7 on.
    /// </summary>
    private static void RequireLegacyBias(OpContext c)
    {
        var a = c.Input(0);
        var b = c.Input(1);
        var bias = c.OptionalInput(2) ?? throw new OnnxKitException($"Gemm-{c.Version} needs input C.");
        if (c.Int("broadcast", 0) != 0 || a.Rank != 2 || b.Rank != 2) return;
        int m = c.Int("transA", 0) != 0 ? a.Dims[1] : a.Dims[0];
        int n = c.Int("transB", 0) != 0 ? b.Dims[0] : b.Dims[1];
        if (!bias.Dims.AsSpan().SequenceEqual([m, n]))
            throw new OnnxKitException($"Gemm-{c.Version} without broadcast=1 needs C of shape [{m},{n}], got {bias.Describe()}.");
    }

    private static void MatMulInteger(OpContext c)
    {
        var a = Shifted(c.Input(0), c.OptionalInput(2), rowWise: true);
        var b = Shifted(c.Input(1), c.OptionalInput(3), rowWise: false);
        c.SetOutput(0, ElementConverter.Convert(MatMul(a, b), DataType.Int32));
    }

    /// <summary>x − zero point as int64; a per-row (A) or per-column (B) zero point is broadcast accordingly.</summary>
    public static TensorValue Shifted(TensorValue x, TensorValue? zeroPoint, bool rowWise)
    {
        var wide = ElementConverter.Convert(x, DataType.Int64);
        if (zeroPoint is null) return wide;
        var zp = ElementConverter.Convert(zeroPoint, DataType.Int64);
        if (rowWise && zp.ElementCount > 1) zp = zp.Reshaped([.. zp.Dims, 1]);
        return ArithmeticKernels.Sub(wide, zp);
    }
}
