namespace OnnxKit.Evaluation.Metrics;

/// <summary>
/// Measures of hard predictions against class labels, as scikit-learn computes them
/// (<c>accuracy_score</c>, <c>precision_recall_fscore_support</c> with <c>zero_division=0</c>,
/// <c>top_k_accuracy_score</c>).
/// </summary>
public static class ClassificationMetrics
{
    /// <summary>The fraction of examples whose prediction equals the label.</summary>
    public static double Accuracy(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted)
    {
        if (truth.Length != predicted.Length) throw new ArgumentException($"{truth.Length} labels but {predicted.Length} predictions.");
        int correct = 0;
        for (int i = 0; i < truth.Length; i++) if (truth[i] == predicted[i]) correct++;
        return truth.Length == 0 ? 0 : (double)correct / truth.Length;
    }

    /// <summary>The accuracy of always predicting the most frequent class (SEEDS §3.4's base rate).</summary>
    public static double BaseRate(ReadOnlySpan<int> truth, int classes)
    {
        var counts = new long[classes];
        foreach (int t in truth) counts[t]++;
        return truth.Length == 0 ? 0 : (double)counts.Max() / truth.Length;
    }

    /// <summary>
    /// The fraction of examples whose label is among the <paramref name="k"/> highest scores. Tied
    /// scores rank the higher class index first, as scikit-learn's <c>top_k_accuracy_score</c> does.
    /// </summary>
    public static double TopK(ScoreMatrix scores, ReadOnlySpan<int> truth, int k) => TopK(LabelRanks(scores, truth), k);

    /// <summary>
    /// For each example, how many classes rank above its label (0 when the label has the highest score), tied
    /// scores ranking the higher class index first as in <see cref="TopK(ScoreMatrix, ReadOnlySpan{int}, int)"/>:
    /// computed once, it answers top-k accuracy for every k.
    /// </summary>
    public static int[] LabelRanks(ScoreMatrix scores, ReadOnlySpan<int> truth)
    {
        if (truth.Length != scores.Rows) throw new ArgumentException($"{truth.Length} labels but {scores.Rows} rows of scores.");
        var ranks = new int[scores.Rows];
        var all = scores.Values;
        int k = scores.Columns;
        for (int i = 0, start = 0; i < ranks.Length; i++, start += k)
        {
            var row = all.Slice(start, k);
            int label = truth[i];
            double own = row[label];
            int higher = 0;
            for (int j = 0; j < label; j++) higher += row[j] > own ? 1 : 0;
            for (int j = label + 1; j < row.Length; j++) higher += row[j] >= own ? 1 : 0;
            ranks[i] = higher;
        }
        return ranks;
    }

    /// <summary>The fraction of examples whose label ranks among the first <paramref name="k"/> (from <see cref="LabelRanks"/>).</summary>
    public static double TopK(ReadOnlySpan<int> labelRanks, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        int hits = 0;
        foreach (int rank in labelRanks) if (rank < k) hits++;
        return labelRanks.Length == 0 ? 0 : (double)hits / labelRanks.Length;
    }

    /// <summary>Each class's precision, recall, F1 and support (one-vs-rest).</summary>
    public static IReadOnlyList<ClassScores> PerClass(ConfusionMatrix matrix) =>
        Enumerable.Range(0, matrix.Classes).Select(k =>
        {
            var cells = matrix.OneVersusRest(k);
            return new ClassScores(cells.Precision, cells.Recall, cells.F1, cells.A + cells.B);
        }).ToArray();

    /// <summary>The unweighted mean of the classes' precision, recall and F1 (scikit-learn's <c>average='macro'</c>).</summary>
    public static ClassScores MacroAverage(IReadOnlyList<ClassScores> perClass) =>
        new(perClass.Average(c => c.Precision), perClass.Average(c => c.Recall), perClass.Average(c => c.F1), perClass.Sum(c => c.Support));

    /// <summary>The support-weighted mean (scikit-learn's <c>average='weighted'</c>).</summary>
    public static ClassScores WeightedAverage(IReadOnlyList<ClassScores> perClass)
    {
        long total = perClass.Sum(c => c.Support);
        double Weighted(Func<ClassScores, double> f) => total == 0 ? 0 : perClass.Sum(c => f(c) * c.Support) / total;
        return new ClassScores(Weighted(c => c.Precision), Weighted(c => c.Recall), Weighted(c => c.F1), total);
    }

    /// <summary>Precision, recall and F1 from the cells summed over classes (scikit-learn's <c>average='micro'</c>).</summary>
    public static ClassScores MicroAverage(ConfusionMatrix matrix)
    {
        long a = 0, b = 0, c = 0, d = 0;
        for (int k = 0; k < matrix.Classes; k++)
        {
            var cells = matrix.OneVersusRest(k);
            (a, b, c, d) = (a + cells.A, b + cells.B, c + cells.C, d + cells.D);
        }
        var sum = new BinaryCounts(a, b, c, d);
        return new ClassScores(sum.Precision, sum.Recall, sum.F1, a + b);
    }
}
