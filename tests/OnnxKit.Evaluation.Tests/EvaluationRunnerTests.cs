using OnnxKit.Data;
using OnnxKit.Evaluation.Metrics;
using OnnxKit.Evaluation.Tests.TestSupport;
using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Serialization.NumPy;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Evaluation.Tests;

/// <summary>The runner's task detection and per-task results, on data whose scores the test knows (the stand-in model passes them through).</summary>
public sealed class EvaluationRunnerTests : IDisposable
{
    private readonly TempFolder folder = new();

    private IDataSource Npz(float[] x, int width, ITensor y)
    {
        string path = folder.File($"d{Guid.NewGuid():N}.npz");
        NpzFile.Write(path, [new("x", DenseTensor.FromFloats(x, [x.Length / width, width])), new("y", y)]);
        return DataSources.Open(DataSpec.Parse(path));
    }

    [Fact]
    public void Batching_does_not_change_the_results()
    {
        var data = SyntheticData.Write(folder.File("d.npz"), 257, 3);
        using var model = new ScoringBackend("m", 1, 1, 1);
        var source = DataSources.Open(DataSpec.Parse(data.Path));
        var one = EvaluationRunner.Run([new("m", model)], source, new EvaluationOptions { BatchSize = 1000 });
        var many = EvaluationRunner.Run([new("m", model)], source, new EvaluationOptions { BatchSize = 16 });
        Assert.Equal(257, one.Examples);
        Assert.Equal(WithoutTimes(Reports.EvaluationJson.Serialize(one)), WithoutTimes(Reports.EvaluationJson.Serialize(many)));
    }

    [MultiCoreFact]
    public void Reading_ahead_and_binding_on_the_calling_thread_give_the_same_results()
    {
        // 5,000 records from a file are read ahead on a worker thread; the same records in memory are bound on the
        // calling thread. 200 classes make a million scores, so the per-class rankings run on the thread pool.
        const int examples = 5000, classes = 200;
        var data = SyntheticData.Write(folder.File("d.npz"), examples, classes);
        using var model = new ScoringBackend("m", Enumerable.Repeat(1f, classes).ToArray());
        var file = DataSources.Open(DataSpec.Parse(data.Path));
        var memory = DataSources.Load(file);
        Assert.True(memory.InMemory);
        Assert.False(file.InMemory);
        var readAhead = EvaluationRunner.Run([new("m", model)], file, new EvaluationOptions());
        var callingThread = EvaluationRunner.Run([new("m", model)], memory, new EvaluationOptions());
        Assert.Equal(WithoutTimes(Reports.EvaluationJson.Serialize(readAhead)), WithoutTimes(Reports.EvaluationJson.Serialize(callingThread)));

        // Each class's area from the parallel pass equals the one ranked alone here, to the bit.
        var perClass = readAhead.Models[0].Outputs[0].Classification!.PerClass;
        for (int c = 0; c < classes; c++)
        {
            var column = Enumerable.Range(0, examples).Select(i => (double)data.Scores[i * classes + c]).ToArray();
            var positives = data.Labels.Select(l => l == c).ToArray();
            Assert.Equal((double?)ScoreRanking.Of(column, positives).RocAuc(), perClass[c].Auc);
        }
    }

    [MultiCoreFact]
    public void Measures_taken_on_the_thread_pool_equal_each_measure_computed_alone()
    {
        // 6,000 examples × 10 classes: 60,000 scores, past the point from which the classes' rankings and the rows'
        // measures run in parallel. Each is computed again here on its own, one after another.
        const int examples = 6000, classes = 10;
        var data = SyntheticData.Write(folder.File("d.npz"), examples, classes, seed: 5);
        using var model = new ScoringBackend("m", Enumerable.Repeat(1f, classes).ToArray());
        var report = EvaluationRunner.Run([new("m", model)], DataSources.Open(DataSpec.Parse(data.Path)), new EvaluationOptions());
        var result = report.Models[0].Outputs[0].Classification!;

        var scores = new ScoreMatrix(data.Scores.Select(v => (double)v).ToArray(), examples, classes);
        var labels = data.Labels.Select(l => (int)l).ToArray();
        var predicted = scores.ArgMax();
        Assert.Equal(ClassificationMetrics.Accuracy(labels, predicted), result.Accuracy);
        foreach (var topK in result.TopK) Assert.Equal(ClassificationMetrics.TopK(scores, labels, topK.K), topK.Accuracy);
        var confidence = Enumerable.Range(0, examples).Select(i => scores.Row(i)[predicted[i]]).ToArray();
        var correct = labels.Select((l, i) => l == predicted[i]).ToArray();
        Assert.Equal(CalibrationMetrics.ExpectedCalibrationError(confidence, correct), result.Calibration.ExpectedCalibrationError);
        for (int c = 0; c < classes; c++)
        {
            using var ranking = ScoreRanking.Of(scores.Column(c), labels.Select(l => l == c).ToArray());
            Assert.Equal(ranking.RocAuc(), result.PerClass[c].Auc);
            Assert.Equal(ranking.AveragePrecision(), result.PerClass[c].AveragePrecision);
            Assert.Equal(ranking.BreakEven(), result.PerClass[c].BreakEven);
        }
    }

    [Theory]
    [InlineData(600)] // 6,000 scores: the classes measured one after another
    [InlineData(6000)] // 60,000: on the thread pool
    public void Infinite_logits_fail_with_the_same_error_however_the_classes_are_measured(int examples)
    {
        // A row with +∞ is no probability row, so it goes through softmax, which makes it NaN: the ranking refuses it.
        const int classes = 10;
        var random = new Random(3);
        var x = Enumerable.Range(0, examples * classes).Select(_ => random.NextSingle() * 4).ToArray();
        x[7 * classes + 2] = float.PositiveInfinity;
        var y = Enumerable.Range(0, examples).Select(i => (long)(i % classes)).ToArray();
        string path = folder.File($"inf{examples}.npz");
        NpzFile.Write(path, [new("x", DenseTensor.FromFloats(x, [examples, classes])), new("y", DenseTensor.FromInt64s(y, [examples]))]);
        using var model = new ScoringBackend("m", Enumerable.Repeat(1f, classes).ToArray());
        var error = Assert.Throws<ArgumentException>(() => EvaluationRunner.Run([new("m", model)], DataSources.Load(DataSources.Open(DataSpec.Parse(path))), new EvaluationOptions()));
        Assert.Contains("Score 7 is NaN", error.Message);
    }

    [MultiCoreFact]
    public void Batches_read_ahead_into_reused_buffers_are_not_overwritten_while_a_model_runs()
    {
        // A model that waits before reading its inputs lets the reader fill the queue and bind every batch it may while
        // one batch runs: a buffer set handed out again too early would change that batch's inputs, and so the scores.
        const int examples = 4200, classes = 3;
        var data = SyntheticData.Write(folder.File("d.npz"), examples, classes);
        using var model = new WaitingBackend(new ScoringBackend("m", 1, 1, 1));
        var file = DataSources.Open(DataSpec.Parse(data.Path));
        var options = new EvaluationOptions { BatchSize = 100 };
        var readAhead = EvaluationRunner.Run([new("m", model)], file, options);
        var callingThread = EvaluationRunner.Run([new("m", model)], DataSources.Load(file), options);
        Assert.True(model.Runs > 80); // both passes ran batch by batch
        Assert.Equal(WithoutTimes(Reports.EvaluationJson.Serialize(callingThread)), WithoutTimes(Reports.EvaluationJson.Serialize(readAhead)));
    }

    /// <summary>Runs the inner model after a pause, before it reads the inputs.</summary>
    private sealed class WaitingBackend(IModelBackend inner) : IModelBackend
    {
        public int Runs { get; private set; }

        public string Name => inner.Name;

        public IReadOnlyList<TensorSpec> Inputs => inner.Inputs;

        public IReadOnlyList<TensorSpec> Outputs => inner.Outputs;

        public IReadOnlyDictionary<string, ITensor> Run(IReadOnlyDictionary<string, ITensor> inputs, CancellationToken cancellationToken = default)
        {
            Runs++;
            Thread.Sleep(1);
            return inner.Run(inputs, cancellationToken);
        }

        public void Dispose() => inner.Dispose();
    }

    [Fact]
    public void Logits_are_passed_through_softmax_and_said_to_be()
    {
        float[] logits = [2, -1, 0.5f, -3, 4, 1, 0, 0.2f, 3];
        using var model = new ScoringBackend("m", 1, 1, 1);
        var report = EvaluationRunner.Run([new("m", model)], Npz(logits, 3, DenseTensor.FromInt64s([0, 1, 1], [3])), new EvaluationOptions());
        var c = report.Models[0].Outputs[0].Classification!;
        Assert.True(c.ScoresAreLogits);
        Assert.Equal(2.0 / 3, c.Accuracy, 12); // argmax 0, 1, 2
        Assert.Equal(1, c.Calibration.Bins.Sum(b => b.Count) / 3.0, 12);
    }

    [Fact]
    public void A_sigmoid_output_is_binary_with_the_threshold_and_a_sweep()
    {
        float[] p = [0.9f, 0.6f, 0.4f, 0.2f, 0.7f, 0.1f];
        long[] y = [1, 1, 1, 0, 0, 0];
        using var model = new ScoringBackend("m", 1);
        var options = new EvaluationOptions { Threshold = 0.5, Costs = new OutcomeCosts(0, 5, 1, 0) };
        var output = EvaluationRunner.Run([new("m", model)], Npz(p, 1, DenseTensor.FromInt64s(y, [6])), options).Models[0].Outputs[0];

        Assert.Equal(EvaluationTask.Binary, output.Task);
        var c = output.Classification!;
        // At 0.5: a = 2 (0.9, 0.6), b = 1 (0.4), c = 1 (0.7), d = 2.
        var positive = c.PerClass[1];
        Assert.Equal(new BinaryCounts(2, 1, 1, 2), positive.Cells);
        Assert.Equal(4.0 / 6, c.Accuracy, 12);
        Assert.Equal(5 * 1 + 1 * 1, positive.Cost!.Value, 12);
        Assert.Equal(19, c.Sweep.Count);
        var at40 = c.Sweep.Single(r => Math.Abs(r.Threshold - 0.4) < 1e-9);
        Assert.Equal(new BinaryCounts(3, 0, 1, 2), at40.Cells); // 0.4 counts as positive at threshold 0.4
        Assert.Equal(7.0 / 9, positive.Auc!.Value, 12); // positive 0.9 outranks 3 negatives, 0.6 and 0.4 outrank 2 each (not 0.7)
    }

    [Fact]
    public void Costs_give_one_cost_weighted_figure_per_output()
    {
        float[] p = [0.9f, 0.6f, 0.4f, 0.2f, 0.7f, 0.1f];
        using var model = new ScoringBackend("m", 1);
        var options = new EvaluationOptions { Costs = new OutcomeCosts(0, 5, 1, 0) };
        var binary = EvaluationRunner.Run([new("m", model)], Npz(p, 1, DenseTensor.FromInt64s([1, 1, 1, 0, 0, 0], [6])), options).Models[0].Outputs[0].Classification!;
        // The positive class's cells a = 2, b = 1, c = 1, d = 2: cost 5 + 1 = 6 of a worst 3·5 + 3·1 = 18.
        Assert.Equal(new BinaryCounts(2, 1, 1, 2), binary.Cost!.Cells);
        Assert.Equal(6, binary.Cost.Total, 12);
        Assert.Equal(1, binary.Cost.PerExample, 12);
        Assert.Equal(12.0 / 18, binary.Cost.WeightedAccuracy!.Value, 12);
        Assert.Equal(12.0 / 18, binary.PerClass[1].CostWeightedAccuracy!.Value, 12);
        var at40 = binary.Sweep.Single(r => Math.Abs(r.Threshold - 0.4) < 1e-9); // a = 3, b = 0, c = 1, d = 2: cost 1
        Assert.Equal(17.0 / 18, at40.CostWeightedAccuracy!.Value, 12);

        // Three classes, argmax 0, 1, 2, 2 for labels 0, 1, 2, 1: one-vs-rest cells summed over the classes are
        // a = 3 (right), b = 1 (label 1 missed), c = 1 (class 2 wrongly chosen), d = 7: cost 5 + 1 = 6. A right decision
        // costs 0 + 2·0 = 0, a wrong one 5 + 1 + 0 = 6, so the worst is 4·6 = 24 and the figure (24 − 6) / 24 the accuracy:
        // one-vs-rest costs cannot tell one wrong class from another.
        float[] logits = [3, 0, 0, 0, 3, 0, 0, 0, 3, 0, 1, 2];
        using var three = new ScoringBackend("m", 1, 1, 1);
        var summed = EvaluationRunner.Run([new("m", three)], Npz(logits, 3, DenseTensor.FromInt64s([0, 1, 2, 1], [4])), options).Models[0].Outputs[0].Classification!.Cost!;
        Assert.Equal(new BinaryCounts(3, 1, 1, 7), summed.Cells);
        Assert.Equal(18.0 / 24, summed.WeightedAccuracy!.Value, 12);
        Assert.Equal(6.0 / 4, summed.PerExample, 12); // per example, not per one-vs-rest decision
        Assert.Contains("summed", summed.Basis);
        // Successes cost too (1,4,2,0.5): right 1 + 2·0.5 = 2, wrong 4 + 2 + 0.5 = 6.5; cost 3·2 + 6.5 = 12.5 of a worst 26, best 8.
        var dearer = EvaluationRunner.Run([new("m", three)], Npz(logits, 3, DenseTensor.FromInt64s([0, 1, 2, 1], [4])),
            new EvaluationOptions { Costs = new OutcomeCosts(1, 4, 2, 0.5) }).Models[0].Outputs[0].Classification!.Cost!;
        Assert.Equal(12.5, dearer.Total, 12);
        Assert.Equal((26 - 12.5) / 18, dearer.WeightedAccuracy!.Value, 12);
    }

    [Fact]
    public void Float_targets_are_regression()
    {
        float[] predicted = [1, 3, 2, 6];
        using var model = new ScoringBackend("m", 1);
        var output = EvaluationRunner.Run([new("m", model)], Npz(predicted, 1, DenseTensor.FromFloats([1, 2, 3, 4.5f], [4])), new EvaluationOptions()).Models[0].Outputs[0];
        Assert.Equal(EvaluationTask.Regression, output.Task);
        Assert.Equal(RegressionMetrics.MeanAbsoluteError([1, 2, 3, 4.5], [1, 3, 2, 6]), output.Regression!.MeanAbsoluteError, 12);
        Assert.Equal(RegressionMetrics.R2([1, 2, 3, 4.5], [1, 3, 2, 6]), output.Regression.R2, 12);
    }

    [Fact]
    public void Rows_of_zero_one_labels_under_sigmoids_are_multi_label()
    {
        float[] scores = [0.9f, 0.2f, 0.8f, 0.1f, 0.7f, 0.6f, 0.3f, 0.4f, 0.2f];
        float[] labels = [1, 0, 1, 0, 1, 0, 0, 0, 1];
        using var model = new ScoringBackend("m", 1, 1, 1);
        var output = EvaluationRunner.Run([new("m", model)], Npz(scores, 3, DenseTensor.FromFloats(labels, [3, 3])), new EvaluationOptions()).Models[0].Outputs[0];
        Assert.Equal(EvaluationTask.MultiLabel, output.Task);
        var m = output.MultiLabel!;
        // Decisions at 0.5: [1,0,1], [0,1,1], [0,0,0]; wrong: (1,2) and (2,2) → 7 of 9 right; only example 0 all right.
        Assert.Equal(7.0 / 9, m.Accuracy, 12);
        Assert.Equal(1.0 / 3, m.ExactMatch, 12);
        Assert.Equal(3, m.Labels.Count);
    }

    [Fact]
    public void Unlabelled_data_is_refused()
    {
        string path = folder.File("x.npz");
        NpzFile.Write(path, [new("x", DenseTensor.FromFloats([1, 2], [2, 1]))]);
        using var model = new ScoringBackend("m", 1);
        var error = Assert.Throws<DataFormatException>(() => EvaluationRunner.Run([new("m", model)], DataSources.Open(DataSpec.Parse(path)), new EvaluationOptions()));
        Assert.Contains("no labels", error.Message);
    }

    public void Dispose() => folder.Dispose();

    private static string WithoutTimes(string json) => System.Text.RegularExpressions.Regex.Replace(json, @"""seconds"": [^,]+,", "");
}
