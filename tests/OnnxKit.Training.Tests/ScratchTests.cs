using OnnxKit.Exporter;
using OnnxKit.Exporter.Export;
using OnnxKit.Exporter.Networks;
using OnnxKit.Runtime;
using OnnxKit.Training.Execution;
using OnnxKit.Training.Graphs;
using OnnxKit.Training.Losses;
using OnnxKit.Training.Metrics;
using OnnxKit.Training.Optimizers;
using Xunit.Abstractions;

namespace OnnxKit.Training.Tests;

public sealed class ScratchTests(ITestOutputHelper output)
{
    [Fact]
    public void TinyCnnLossFalls()
    {
        var model = new SequentialModel([
            Layers.Conv2D(4, 3, activation: "relu").WithInputShape(1, 8, 8), Layers.BatchNormalization(), Layers.MaxPooling2D(2), Layers.Dropout(0.1f),
            Layers.Flatten(), Layers.Dense(3)]);
        var forward = model.ToOnnx(new ExportOptions { Opset = 17 });
        var trainable = model.Weights.Where(w => w.IsTrainable).Select(w => w.FullName).ToArray();
        var stats = model.Weights.Where(w => !w.IsTrainable).Select(w => w.FullName).ToArray();
        var spec = new TrainingSpec(new SoftmaxCrossEntropy(), new Sgd(0.1f, 0.9f), [Metric.Accuracy], trainable, stats, 1);
        var train = StepGraphBuilder.Training(forward, spec);
        var eval = StepGraphBuilder.Evaluation(forward, spec);
        OnnxKit.Serialization.OnnxFile.Save(train.Model, "/tmp/train-scratch.onnx");
        using var session = new TrainingSession(train, eval, new SessionSettings());
        var rng = new Random(3);
        int n = 16;
        var feeds = session.Feed(n);
        var x = feeds[0].Span<float>();
        var y = feeds[1].Span<long>();
        for (int i = 0; i < n; i++)
        {
            y[i] = i % 3;
            for (int j = 0; j < 64; j++) x[i * 64 + j] = (float)rng.NextDouble() + (j % 3 == y[i] ? 1f : 0f);
        }
        for (int step = 1; step <= 30; step++)
        {
            var r = session.TrainStep(n, 0.05f, step);
            output.WriteLine($"{step}: loss {r.Loss} acc {(r.MetricSums.Length > 0 ? r.MetricSums[0] / n : -1)} {r.NonFinite}");
        }
        var (l, m) = session.Evaluate(n);
        output.WriteLine($"eval: {l} {m[0] / n}");
    }
}

public sealed class ScratchSpeed(ITestOutputHelper output)
{
    [Fact]
    public void TeacherStepTime()
    {
        var model = OnnxKit.Models.ModelZoo.Create("distillation-teacher");
        var forward = model.ToOnnx(new ExportOptions { Opset = 17 });
        var trainable = model.Weights.Where(w => w.IsTrainable).Select(w => w.FullName).ToArray();
        var spec = new TrainingSpec(new SoftmaxCrossEntropy(), new Adam(0.001f), [Metric.Accuracy], trainable, [], 1);
        var train = StepGraphBuilder.Training(forward, spec);
        var eval = StepGraphBuilder.Evaluation(forward, spec);
        int threads = int.Parse(Environment.GetEnvironmentVariable("THREADS") ?? "2");
        using var session = new TrainingSession(train, eval, new SessionSettings { IntraOpThreads = threads });
        int n = 128;
        var feeds = session.Feed(n);
        var rng = new Random(1);
        var x = feeds[0].Span<float>();
        for (int i = 0; i < x.Length; i++) x[i] = (float)rng.NextDouble();
        var y = feeds[1].Span<long>();
        for (int i = 0; i < n; i++) y[i] = i % 10;
        session.TrainStep(n, 0.001f, 1);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        for (int s = 2; s <= 11; s++) session.TrainStep(n, 0.001f, s);
        output.WriteLine($"teacher step (batch {n}, {threads} threads): {sw.Elapsed.TotalMilliseconds / 10:F1} ms");
    }
}
