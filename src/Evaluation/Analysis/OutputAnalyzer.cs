using OnnxKit.Data;
using OnnxKit.Evaluation.Metrics;
using OnnxKit.Evaluation.Results;

namespace OnnxKit.Evaluation.Analysis;

/// <summary>Turns one output's collected values and its labels into the measures of its task.</summary>
internal sealed class OutputAnalyzer(EvaluationOptions options, string dataName, IReadOnlyList<string>? dataClassNames)
{
    public OutputEvaluation Analyze(string model, CollectedOutput output, CollectedOutput labels)
    {
        if (labels.Records != output.Records)
            throw new OnnxKitException($"{model}: output '{output.Name}' gave {output.Records} records for {labels.Records} labels.");
        var scores = output.Scores();
        bool probabilityRows = output.Width > 1 && scores.RowsAreProbabilities();
        var task = options.Task != EvaluationTask.Auto ? options.Task : TaskDetector.Detect(output, labels, probabilityRows);
        return task switch
        {
            EvaluationTask.Classification => new(output.Name, labels.Name, task, Classification(model, output, labels, scores, probabilityRows), null, null),
            EvaluationTask.Binary => new(output.Name, labels.Name, task, Binary(model, output, labels), null, null),
            EvaluationTask.MultiLabel => new(output.Name, labels.Name, task, null, MultiLabel(model, output, labels), null),
            _ => new(output.Name, labels.Name, task, null, null, Regression(model, output, labels)),
        };
    }

    private ClassificationResult Classification(string model, CollectedOutput output, CollectedOutput labels, ScoreMatrix scores, bool probabilityRows)
    {
        int k = output.Width;
        if (k < 2) throw new OnnxKitException($"{model}: output '{output.Name}' has one value per record; classification needs one score per class (use --task binary for a sigmoid).");
        bool logits = !probabilityRows;
        var probabilities = logits ? scores.Softmax() : scores;
        int[] truth = ClassIndices(labels, k);
        output.ClassLabels = truth;
        var result = ClassificationAnalyzer.Analyze(probabilities, null, truth, Names(k), logits, options, sweep: false, out var predicted);
        output.Predictions = predicted;
        return result;
    }

    private ClassificationResult Binary(string model, CollectedOutput output, CollectedOutput labels)
    {
        if (output.Width != 1) throw new OnnxKitException($"{model}: output '{output.Name}' has {output.Width} values per record; a binary output has one (a sigmoid).");
        var (probabilities, predicted, logits) = TwoClass(output.Values);
        int[] truth = ClassIndices(labels, 2);
        output.ClassLabels = truth;
        output.Predictions = predicted;
        return ClassificationAnalyzer.Analyze(probabilities, predicted, truth, Names(2), logits, options, sweep: true, out _);
    }

    private MultiLabelResult MultiLabel(string model, CollectedOutput output, CollectedOutput labels)
    {
        if (labels.Width != output.Width) throw new OnnxKitException($"{model}: output '{output.Name}' has {output.Width} values per record but the labels have {labels.Width}.");
        int n = (int)output.Records, k = output.Width;
        double[] outputs = output.Values, targets = labels.Values;
        var perLabel = new List<ClassificationResult>();
        long right = 0, exact = 0;
        var allRight = Enumerable.Repeat(true, n).ToArray();
        for (int j = 0; j < k; j++)
        {
            var column = Enumerable.Range(0, n).Select(i => outputs[i * k + j]).ToArray();
            var truth = Enumerable.Range(0, n).Select(i => (int)targets[i * k + j]).ToArray();
            if (truth.Any(t => t is not (0 or 1))) throw new DataFormatException(dataName, Array.FindIndex(truth, t => t is not (0 or 1)), $"multi-label labels are 0 or 1; label column {j} is not.");
            var (probabilities, predicted, logits) = TwoClass(column);
            for (int i = 0; i < n; i++)
            {
                if (predicted[i] == truth[i]) right++;
                else allRight[i] = false;
            }
            perLabel.Add(ClassificationAnalyzer.Analyze(probabilities, predicted, truth, ["0", "1"], logits, options, sweep: true, out _));
        }
        exact = allRight.LongCount(r => r);
        return new MultiLabelResult(n, n == 0 ? 0 : (double)right / ((long)n * k), n == 0 ? 0 : (double)exact / n, perLabel);
    }

    private RegressionResult Regression(string model, CollectedOutput output, CollectedOutput labels)
    {
        if (labels.Width != output.Width) throw new OnnxKitException($"{model}: output '{output.Name}' has {output.Width} values per record but the targets have {labels.Width}.");
        var y = labels.Span;
        var p = output.Span;
        return new RegressionResult(output.Records, RegressionMetrics.MeanAbsoluteError(y, p), RegressionMetrics.RootMeanSquaredError(y, p), RegressionMetrics.R2(y, p));
    }

    /// <summary>A sigmoid's outputs as two-class probability rows and threshold decisions; values outside [0, 1] are logits and go through the sigmoid first.</summary>
    private (ScoreMatrix Probabilities, int[] Predicted, bool Logits) TwoClass(double[] values)
    {
        bool logits = values.Any(v => v is < 0 or > 1);
        double threshold = options.Threshold ?? 0.5;
        var rows = new double[values.Length * 2];
        var predicted = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double p = logits ? 1 / (1 + Math.Exp(-values[i])) : values[i];
            rows[2 * i] = 1 - p;
            rows[2 * i + 1] = p;
            predicted[i] = p >= threshold ? 1 : 0;
        }
        return (new ScoreMatrix(rows, values.Length, 2), predicted, logits);
    }

    /// <summary>The labels as class indices (one-hot rows by their largest entry), each checked against the model's classes.</summary>
    private int[] ClassIndices(CollectedOutput labels, int classes)
    {
        int n = (int)labels.Records, w = labels.Width;
        var values = labels.Span;
        var result = new int[n];
        for (int i = 0; i < n; i++)
        {
            double label;
            if (w == 1) label = values[i];
            else
            {
                if (w != classes) throw new DataFormatException(dataName, i, $"label rows have {w} entries but the model has {classes} classes.");
                int best = 0;
                for (int j = 1; j < w; j++) if (values[i * w + j] > values[i * w + best]) best = j;
                label = best;
            }
            if (label != Math.Floor(label) || label < 0 || label >= classes)
                throw new DataFormatException(dataName, i, $"label {label} is outside the model's {classes} classes 0..{classes - 1}.");
            result[i] = (int)label;
        }
        return result;
    }

    private IReadOnlyList<string> Names(int classes)
    {
        if (options.ClassNames is { } given)
        {
            if (given.Count != classes) throw new OnnxKitException($"{given.Count} class names were given but the model has {classes} classes.");
            return given;
        }
        return dataClassNames is { } names && names.Count == classes
            ? names
            : Enumerable.Range(0, classes).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }
}
