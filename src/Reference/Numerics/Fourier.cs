using System.Numerics;

namespace OnnxKit.Reference.Numerics;

/// <summary>The discrete Fourier transform: radix-2 FFT for power-of-two lengths, the direct sum otherwise.</summary>
internal static class Fourier
{
    /// <summary>X[k] = Σ x[n]·e^(∓2πikn/N) (minus sign forward, plus inverse; no 1/N scaling).</summary>
    public static Complex[] Transform(Complex[] x, bool inverse)
    {
        int n = x.Length;
        double sign = inverse ? 1 : -1;
        if (n > 0 && (n & (n - 1)) == 0) return Fft(x, sign);
        var result = new Complex[n];
        for (int k = 0; k < n; k++)
        {
            Complex sum = Complex.Zero;
            for (int t = 0; t < n; t++) sum += x[t] * Complex.FromPolarCoordinates(1, sign * 2 * Math.PI * ((long)k * t % n) / n);
            result[k] = sum;
        }
        return result;
    }

    private static Complex[] Fft(Complex[] x, double sign)
    {
        int n = x.Length;
        var a = (Complex[])x.Clone();
        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) (a[i], a[j]) = (a[j], a[i]);
        }
        for (int length = 2; length <= n; length <<= 1)
        {
            for (int start = 0; start < n; start += length)
            {
                for (int k = 0; k < length / 2; k++)
                {
                    var w = Complex.FromPolarCoordinates(1, sign * 2 * Math.PI * k / length);
                    var u = a[start + k];
                    var v = a[start + k + length / 2] * w;
                    a[start + k] = u + v;
                    a[start + k + length / 2] = u - v;
                }
            }
        }
        return a;
    }
}
