namespace OnnxKit.Evaluation.Analysis;

/// <summary>
/// Decides what an output predicts from its width and its labels, when not told:
/// <list type="bullet">
/// <item>labels as wide as the output (more than one value), all 0 or 1, and outputs that are not probability rows: multi-label;</item>
/// <item>labels that are not integers (one value each, or as wide as the output): regression;</item>
/// <item>one value per example, labels 0 and 1 only: binary;</item>
/// <item>several values per example, one integer label (or a one-hot row) each: classification;</item>
/// <item>one value per example, other integer labels: regression.</item>
/// </list>
/// </summary>
internal static class TaskDetector
{
    public static EvaluationTask Detect(CollectedOutput output, CollectedOutput labels, bool outputsAreProbabilityRows)
    {
        var y = labels.Span;
        bool zeroOne = true;
        foreach (double v in y) zeroOne &= v is 0 or 1;
        if (labels.Width > 1 && labels.Width == output.Width)
        {
            if (zeroOne && !outputsAreProbabilityRows) return EvaluationTask.MultiLabel;
            if (!labels.Integral && !OneHotOrProbabilityRows(y, labels.Width)) return EvaluationTask.Regression;
            return EvaluationTask.Classification;
        }
        if (labels.Width != 1) return EvaluationTask.Regression;
        if (!labels.Integral) return EvaluationTask.Regression;
        if (output.Width == 1) return zeroOne ? EvaluationTask.Binary : EvaluationTask.Regression;
        return EvaluationTask.Classification;
    }

    private static bool OneHotOrProbabilityRows(ReadOnlySpan<double> values, int width)
    {
        for (int i = 0; i < values.Length; i += width)
        {
            double sum = 0;
            for (int j = 0; j < width; j++)
            {
                if (values[i + j] is < 0 or > 1) return false;
                sum += values[i + j];
            }
            if (Math.Abs(sum - 1) > 1e-3) return false;
        }
        return true;
    }
}
