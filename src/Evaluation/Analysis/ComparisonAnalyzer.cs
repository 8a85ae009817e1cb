using OnnxKit.Evaluation.Metrics;
using OnnxKit.Evaluation.Results;

namespace OnnxKit.Evaluation.Analysis;

/// <summary>Compares a model's predictions on one output with the baseline's: agreement, what changed, McNemar's test.</summary>
internal static class ComparisonAnalyzer
{
    public static ModelComparison Classification(string model, string baseline, string output, CollectedOutput first, CollectedOutput other,
        IReadOnlyList<string> names, EvaluationOptions options)
    {
        int[] labels = first.ClassLabels!, a = first.Predictions!, b = other.Predictions!;
        var changed = new List<ChangedExample>();
        long changes = 0;
        int k = names.Count;
        var gained = new long[k];
        var lost = new long[k];
        var firstHits = new long[k];
        var otherHits = new long[k];
        var support = new long[k];
        for (int i = 0; i < labels.Length; i++)
        {
            support[labels[i]]++;
            if (a[i] == labels[i]) firstHits[labels[i]]++;
            if (b[i] == labels[i]) otherHits[labels[i]]++;
            if (a[i] == b[i]) continue;
            changes++;
            gained[b[i]]++;
            lost[a[i]]++;
            if (changed.Count < options.ChangedExamplesListed) changed.Add(new ChangedExample(i, labels[i], a[i], b[i]));
        }
        var firstCorrect = labels.Select((l, i) => a[i] == l).ToArray();
        var otherCorrect = labels.Select((l, i) => b[i] == l).ToArray();
        double accuracyA = ClassificationMetrics.Accuracy(labels, a), accuracyB = ClassificationMetrics.Accuracy(labels, b);
        var classes = Enumerable.Range(0, k)
            .Where(c => gained[c] + lost[c] > 0)
            .Select(c => new ClassChange(c, names[c], gained[c], lost[c], support[c] == 0 ? 0 : (double)(otherHits[c] - firstHits[c]) / support[c]))
            .ToArray();
        return new ModelComparison(model, baseline, output, accuracyB - accuracyA,
            labels.Length == 0 ? 1 : 1 - (double)changes / labels.Length, changes, changed, classes,
            McNemarTest.Test(firstCorrect, otherCorrect), null);
    }

    public static ModelComparison Regression(string model, string baseline, string output, CollectedOutput first, CollectedOutput other)
    {
        ReadOnlySpan<double> x = first.Span, y = other.Span;
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += Math.Abs(x[i] - y[i]);
        return new ModelComparison(model, baseline, output, null, 1, 0, [], [], null, x.Length == 0 ? 0 : sum / x.Length);
    }
}
