namespace OnnxKit.Models.Blocks;

/// <summary>
/// The normalized 2-D Gaussian kernel of the <c>gaussian-filter</c> block (docs/model-zoo.md,
/// "Blocks with fixed weights or custom operations"):
/// per axis, the standard-normal probability mass of <c>size</c> equal intervals spanning
/// ±(nsig + half an interval); the 2-D kernel is the square root of the outer product of the
/// two axes, divided by its sum. For size 3 and nsig 3 the centre is 0.377168.
/// </summary>
public static class GaussianKernel
{
    /// <summary>The kernel, row-major, <paramref name="height"/>×<paramref name="width"/>.</summary>
    public static double[] Create(int height, int width, double nsig = 3)
    {
        var rows = Axis(height, nsig);
        var columns = Axis(width, nsig);
        var kernel = new double[height * width];
        for (int r = 0; r < height; r++)
        for (int c = 0; c < width; c++) kernel[r * width + c] = Math.Sqrt(rows[r] * columns[c]);
        double sum = kernel.Sum();
        return kernel.Select(v => v / sum).ToArray();
    }

    /// <summary>np.diff(norm.cdf(np.linspace(-nsig - interval/2, nsig + interval/2, size + 1))).</summary>
    private static double[] Axis(int size, double nsig)
    {
        double interval = (2 * nsig + 1) / size;
        double start = -nsig - interval / 2, stop = nsig + interval / 2;
        var cdf = Enumerable.Range(0, size + 1).Select(i => NormalCdf(start + (stop - start) * i / size)).ToArray();
        return Enumerable.Range(0, size).Select(i => cdf[i + 1] - cdf[i]).ToArray();
    }

    /// <summary>Φ(x) = erfc(−x/√2)/2.</summary>
    private static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    /// <summary>
    /// The complementary error function by the Chebyshev-fitted exponential approximation of
    /// Numerical Recipes (erfcc), fractional error below 1.2e-7 everywhere: ample for kernel
    /// weights stored as float32. .NET has no built-in erf.
    /// </summary>
    private static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1 / (1 + 0.5 * z);
        double poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
        double result = t * Math.Exp(poly);
        return x >= 0 ? result : 2 - result;
    }
}
