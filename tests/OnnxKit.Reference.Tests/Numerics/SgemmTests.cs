using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Tests.Numerics;

public sealed class SgemmTests
{
    [Theory]
    [InlineData(1, 1, 1, false, false)]
    [InlineData(7, 19, 5, false, false)]
    [InlineData(73, 300, 260, false, false)]
    [InlineData(13, 17, 300, true, false)]
    [InlineData(13, 17, 300, false, true)]
    [InlineData(150, 40, 33, true, true)]
    public void MatchesAPlainTripleLoopInDoublePrecision(int m, int n, int k, bool transA, bool transB)
    {
        var random = new Random(m * 1000 + n * 10 + k);
        var a = Enumerable.Range(0, m * k).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var c = Enumerable.Range(0, m * n).Select(_ => 1f).ToArray();
        Sgemm.Multiply(m, n, k, a, 0, transA ? m : k, transA, b, 0, transB ? k : n, transB, c, 0, n, accumulate: true);

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double expected = 1;
                for (int p = 0; p < k; p++)
                    expected += (double)a[transA ? p * m + i : i * k + p] * b[transB ? j * k + p : p * n + j];
                // float32 accumulation over k terms of magnitude ≤ 1: error well under k·2⁻²³.
                Assert.True(Math.Abs(c[i * n + j] - expected) <= 1e-6 * (k + 1), $"C[{i},{j}] = {c[i * n + j]}, expected {expected}");
            }
        }
    }

    [Fact]
    public void WritesOnlyTheAddressedBlockOfALargerMatrix()
    {
        // C is the 2×2 block at (1,1) of a 4×4 buffer (ldc 4); nothing else may change.
        var c = Enumerable.Repeat(-7f, 16).ToArray();
        Sgemm.Multiply(2, 2, 1, [1, 2], 0, 1, false, [3, 4], 0, 2, false, c, 5, 4, accumulate: false);
        Assert.Equal([-7f, -7, -7, -7, -7, 3, 4, -7, -7, 6, 8, -7, -7, -7, -7, -7], c);
    }
}
