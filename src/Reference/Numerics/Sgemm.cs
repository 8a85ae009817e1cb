using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OnnxKit.Reference.Numerics;

/// <summary>
/// Single-precision matrix multiply, C (+)= op(A)·op(B), for row-major matrices: the engine of
/// MatMul, Gemm and Conv. Written by hand because .NET has no BLAS; the layout follows the usual
/// recipe (as in BLIS and GotoBLAS): blocks of A and B are packed into contiguous panels and a
/// 6×16 register-blocked micro-kernel (AVX2/FMA when present) accumulates into C. Independent
/// blocks of C run in parallel.
/// </summary>
internal static class Sgemm
{
    private const int MR = 6;
    private const int NR = 16;
    private const int KC = 256;
    private const int MC = 72;
    private const int NC = 256;

    /// <summary>
    /// C[m×n] = op(A)[m×k] · op(B)[k×n], added to C's current contents when <paramref name="accumulate"/>.
    /// A is read at <c>a[aOffset + i·lda + p]</c> (or <c>p·lda + i</c> when <paramref name="transA"/>), likewise B and C.
    /// </summary>
    public static void Multiply(int m, int n, int k,
        float[] a, int aOffset, int lda, bool transA,
        float[] b, int bOffset, int ldb, bool transB,
        float[] c, int cOffset, int ldc, bool accumulate, bool parallel = true)
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate)
            {
                for (int i = 0; i < m; i++) Array.Clear(c, cOffset + i * ldc, n);
            }
            return;
        }
        var operands = new Operands(a, aOffset, lda, transA, b, bOffset, ldb, transB, c, cOffset, ldc);
        int mBlocks = (m + MC - 1) / MC, nBlocks = (n + NC - 1) / NC;
        int tiles = mBlocks * nBlocks;
        long work = (long)m * n * k;
        if (parallel && tiles > 1 && work > 1 << 18)
        {
            Parallel.For(0, tiles, t => Tile(operands, t / nBlocks * MC, t % nBlocks * NC, m, n, k, accumulate));
        }
        else
        {
            for (int t = 0; t < tiles; t++) Tile(operands, t / nBlocks * MC, t % nBlocks * NC, m, n, k, accumulate);
        }
    }

    private sealed record Operands(float[] A, int AOffset, int Lda, bool TransA, float[] B, int BOffset, int Ldb, bool TransB, float[] C, int COffset, int Ldc);

    private static void Tile(Operands o, int i0, int j0, int m, int n, int k, bool accumulate)
    {
        int mc = Math.Min(MC, m - i0), nc = Math.Min(NC, n - j0);
        int mPanels = (mc + MR - 1) / MR, nPanels = (nc + NR - 1) / NR;
        var packedA = ArrayPool<float>.Shared.Rent(mPanels * MR * KC);
        var packedB = ArrayPool<float>.Shared.Rent(nPanels * NR * KC);
        try
        {
            for (int p0 = 0; p0 < k; p0 += KC)
            {
                int kc = Math.Min(KC, k - p0);
                PackA(o, i0, p0, mc, kc, packedA);
                PackB(o, p0, j0, kc, nc, packedB);
                bool add = accumulate || p0 > 0;
                for (int jp = 0; jp < nPanels; jp++)
                {
                    for (int ip = 0; ip < mPanels; ip++)
                    {
                        int rows = Math.Min(MR, mc - ip * MR), cols = Math.Min(NR, nc - jp * NR);
                        int cIndex = o.COffset + (i0 + ip * MR) * o.Ldc + j0 + jp * NR;
                        MicroKernel(kc, packedA, ip * MR * kc, packedB, jp * NR * kc, o.C, cIndex, o.Ldc, rows, cols, add);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(packedA);
            ArrayPool<float>.Shared.Return(packedB);
        }
    }

    /// <summary>Packs rows i0..i0+mc, columns p0..p0+kc of op(A) into MR-row panels, column-interleaved, zero-padded.</summary>
    private static void PackA(Operands o, int i0, int p0, int mc, int kc, float[] packed)
    {
        int panels = (mc + MR - 1) / MR;
        for (int panel = 0; panel < panels; panel++)
        {
            int baseIndex = panel * MR * kc;
            for (int r = 0; r < MR; r++)
            {
                int i = panel * MR + r;
                if (i >= mc)
                {
                    for (int p = 0; p < kc; p++) packed[baseIndex + p * MR + r] = 0;
                    continue;
                }
                if (o.TransA)
                {
                    for (int p = 0; p < kc; p++) packed[baseIndex + p * MR + r] = o.A[o.AOffset + (p0 + p) * o.Lda + i0 + i];
                }
                else
                {
                    int row = o.AOffset + (i0 + i) * o.Lda + p0;
                    for (int p = 0; p < kc; p++) packed[baseIndex + p * MR + r] = o.A[row + p];
                }
            }
        }
    }

    /// <summary>Packs rows p0..p0+kc, columns j0..j0+nc of op(B) into NR-column panels, row-interleaved, zero-padded.</summary>
    private static void PackB(Operands o, int p0, int j0, int kc, int nc, float[] packed)
    {
        int panels = (nc + NR - 1) / NR;
        for (int panel = 0; panel < panels; panel++)
        {
            int baseIndex = panel * NR * kc;
            int cols = Math.Min(NR, nc - panel * NR);
            for (int p = 0; p < kc; p++)
            {
                int target = baseIndex + p * NR;
                if (!o.TransB)
                {
                    Array.Copy(o.B, o.BOffset + (p0 + p) * o.Ldb + j0 + panel * NR, packed, target, cols);
                }
                else
                {
                    for (int j = 0; j < cols; j++) packed[target + j] = o.B[o.BOffset + (j0 + panel * NR + j) * o.Ldb + p0 + p];
                }
                for (int j = cols; j < NR; j++) packed[target + j] = 0;
            }
        }
    }

    private static unsafe void MicroKernel(int kc, float[] packedA, int aIndex, float[] packedB, int bIndex,
        float[] c, int cIndex, int ldc, int rows, int cols, bool accumulate)
    {
        float* tile = stackalloc float[MR * NR];
        fixed (float* aBase = &packedA[aIndex])
        fixed (float* bBase = &packedB[bIndex])
        {
            if (Fma.IsSupported) Kernel6x16Fma(kc, aBase, bBase, tile);
            else KernelPortable(kc, aBase, bBase, tile);
        }
        for (int r = 0; r < rows; r++)
        {
            int row = cIndex + r * ldc;
            if (accumulate)
            {
                for (int j = 0; j < cols; j++) c[row + j] += tile[r * NR + j];
            }
            else
            {
                for (int j = 0; j < cols; j++) c[row + j] = tile[r * NR + j];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel6x16Fma(int kc, float* a, float* b, float* tile)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Avx.LoadVector256(b);
            var b1 = Avx.LoadVector256(b + 8);
            var a0 = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(a0, b0, c00);
            c01 = Fma.MultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(a[1]);
            c10 = Fma.MultiplyAdd(a1, b0, c10);
            c11 = Fma.MultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(a[2]);
            c20 = Fma.MultiplyAdd(a2, b0, c20);
            c21 = Fma.MultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(a[3]);
            c30 = Fma.MultiplyAdd(a3, b0, c30);
            c31 = Fma.MultiplyAdd(a3, b1, c31);
            var a4 = Vector256.Create(a[4]);
            c40 = Fma.MultiplyAdd(a4, b0, c40);
            c41 = Fma.MultiplyAdd(a4, b1, c41);
            var a5 = Vector256.Create(a[5]);
            c50 = Fma.MultiplyAdd(a5, b0, c50);
            c51 = Fma.MultiplyAdd(a5, b1, c51);
            a += MR;
            b += NR;
        }
        Avx.Store(tile, c00); Avx.Store(tile + 8, c01);
        Avx.Store(tile + 16, c10); Avx.Store(tile + 24, c11);
        Avx.Store(tile + 32, c20); Avx.Store(tile + 40, c21);
        Avx.Store(tile + 48, c30); Avx.Store(tile + 56, c31);
        Avx.Store(tile + 64, c40); Avx.Store(tile + 72, c41);
        Avx.Store(tile + 80, c50); Avx.Store(tile + 88, c51);
    }

    private static unsafe void KernelPortable(int kc, float* a, float* b, float* tile)
    {
        for (int i = 0; i < MR * NR; i++) tile[i] = 0;
        for (int p = 0; p < kc; p++)
        {
            for (int r = 0; r < MR; r++)
            {
                float av = a[r];
                for (int j = 0; j < NR; j++) tile[r * NR + j] += av * b[j];
            }
            a += MR;
            b += NR;
        }
    }
}
