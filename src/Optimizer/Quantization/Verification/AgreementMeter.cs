namespace OnnxKit.Optimizer.Quantization.Verification;

/// <summary>Accumulates the agreement of one output, batch by batch.</summary>
internal sealed class AgreementMeter(string name)
{
    private double dot, floatSquares, quantizedSquares, errorSquares, maxError;
    private long elements, rows, agreeing;
    private bool hasClasses = true;

    /// <summary>Adds a batch of the float and quantized output (same shape).</summary>
    public void Add(float[] expected, float[] actual, IReadOnlyList<long> dims)
    {
        if (expected.Length != actual.Length) throw new OnnxKitException($"Output '{name}' has {actual.Length} values in the quantized model, {expected.Length} in the float one.");
        for (int i = 0; i < expected.Length; i++)
        {
            double f = expected[i], q = actual[i];
            if (!double.IsFinite(f) || !double.IsFinite(q)) continue;
            dot += f * q;
            floatSquares += f * f;
            quantizedSquares += q * q;
            errorSquares += (q - f) * (q - f);
            maxError = Math.Max(maxError, Math.Abs(q - f));
            elements++;
        }
        int classes = dims.Count >= 2 ? (int)dims[^1] : 0;
        if (classes < 2)
        {
            hasClasses = false;
            return;
        }
        for (int row = 0; row * classes < expected.Length; row++)
        {
            rows++;
            if (ArgMax(expected, row * classes, classes) == ArgMax(actual, row * classes, classes)) agreeing++;
        }
    }

    /// <summary>The index of the largest of <paramref name="count"/> values from <paramref name="start"/>.</summary>
    public static int ArgMax(float[] values, int start, int count)
    {
        int best = 0;
        for (int k = 1; k < count; k++)
        {
            if (values[start + k] > values[start + best]) best = k;
        }
        return best;
    }

    /// <summary>The agreement so far.</summary>
    public OutputAgreement Result()
    {
        double cosine = floatSquares == 0 || quantizedSquares == 0 ? (floatSquares == quantizedSquares ? 1 : 0) : dot / Math.Sqrt(floatSquares * quantizedSquares);
        double relative = floatSquares == 0 ? (errorSquares == 0 ? 0 : double.PositiveInfinity) : Math.Sqrt(errorSquares / floatSquares);
        double sqnr = errorSquares == 0 ? double.PositiveInfinity : floatSquares == 0 ? double.NegativeInfinity : 10 * Math.Log10(floatSquares / errorSquares);
        return new OutputAgreement(name, elements, cosine, relative, maxError, sqnr, hasClasses && rows > 0 ? (double)agreeing / rows : null);
    }
}
