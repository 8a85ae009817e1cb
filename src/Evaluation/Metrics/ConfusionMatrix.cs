namespace OnnxKit.Evaluation.Metrics;

/// <summary>
/// Counts of (true class, predicted class) pairs: row = true class, column = predicted class,
/// as scikit-learn's <c>confusion_matrix</c> lays it out.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[] counts;

    private ConfusionMatrix(int classes, long[] counts)
    {
        Classes = classes;
        this.counts = counts;
    }

    /// <summary>The number of classes (rows and columns).</summary>
    public int Classes { get; }

    /// <summary>The number of examples with true class <paramref name="truth"/> predicted as <paramref name="predicted"/>.</summary>
    public long this[int truth, int predicted] => counts[truth * Classes + predicted];

    /// <summary>The number of examples counted.</summary>
    public long Total => counts.Sum();

    /// <summary>Counts the pairs; every label and prediction must lie in <c>0..classes-1</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length or hold a value outside the classes.</exception>
    public static ConfusionMatrix Of(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, int classes)
    {
        if (truth.Length != predicted.Length) throw new ArgumentException($"{truth.Length} labels but {predicted.Length} predictions.");
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        var counts = new long[classes * classes];
        for (int i = 0; i < truth.Length; i++)
        {
            if ((uint)truth[i] >= classes || (uint)predicted[i] >= classes)
                throw new ArgumentException($"Example {i}: label {truth[i]} or prediction {predicted[i]} is outside 0..{classes - 1}.");
            counts[truth[i] * classes + predicted[i]]++;
        }
        return new ConfusionMatrix(classes, counts);
    }

    /// <summary>The one-vs-rest cells of class <paramref name="k"/>: a = k predicted k, b = k predicted other, c = other predicted k, d = the rest.</summary>
    public BinaryCounts OneVersusRest(int k)
    {
        long a = this[k, k], b = 0, c = 0;
        for (int j = 0; j < Classes; j++)
        {
            if (j == k) continue;
            b += this[k, j];
            c += this[j, k];
        }
        return new BinaryCounts(a, b, c, Total - a - b - c);
    }

    /// <summary>The examples whose true class is <paramref name="k"/> (the row sum, scikit-learn's support).</summary>
    public long Support(int k)
    {
        long sum = 0;
        for (int j = 0; j < Classes; j++) sum += this[k, j];
        return sum;
    }

    /// <summary>The fraction on the diagonal.</summary>
    public double Accuracy
    {
        get
        {
            long diagonal = 0;
            for (int k = 0; k < Classes; k++) diagonal += this[k, k];
            return Total == 0 ? 0 : (double)diagonal / Total;
        }
    }

    /// <summary>The rows as arrays, true class first.</summary>
    public long[][] ToRows() => Enumerable.Range(0, Classes).Select(r => counts.AsSpan(r * Classes, Classes).ToArray()).ToArray();
}
