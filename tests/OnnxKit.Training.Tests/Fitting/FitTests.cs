using OnnxKit.Exporter;
using OnnxKit.Exporter.Export;
using OnnxKit.Exporter.Networks;
using OnnxKit.Ir;
using OnnxKit.Runtime;
using OnnxKit.Training.Losses;
using OnnxKit.Training.Metrics;
using OnnxKit.Training.Optimizers;
using OnnxKit.Training.Tests.TestSupport;

namespace OnnxKit.Training.Tests.Fitting;

/// <summary>
/// The Keras-like API end to end on small synthetic data: a fit learns (loss falls, accuracy
/// well above chance), is bit-for-bit repeatable with a seed, and writes its weights (running
/// statistics included) back into the DSL model so every exported opset computes what the
/// training session evaluated.
/// </summary>
public sealed class FitTests
{
    /// <summary>A small CNN with every trainable layer kind the gradient rules cover in one model: Conv, BatchNormalization, ReLU, MaxPool, Dropout, Dense.</summary>
    /// <remarks>Built in a fresh naming scope, so every call gives the same layer names (and so the same seeded weights).</remarks>
    internal static SequentialModel SmallCnn()
    {
        using var names = LayerNames.NewScope();
        return new([
        Layers.Conv2D(4, 3, activation: Activation.Relu).WithInputShape(1, 8, 8), Layers.BatchNormalization(momentum: 0.5f), Layers.MaxPooling2D(2),
        Layers.Dropout(0.2f), Layers.Flatten(), Layers.Dense(3)]);
    }

    [Fact]
    public void Fit_learns_and_reports_keras_figures()
    {
        var model = SmallCnn();
        var data = SyntheticData.Images(96, [1, 8, 8]);
        var validation = SyntheticData.Images(48, [1, 8, 8], seed: 2);
        using var compiled = model.Compile(new Adam(0.01f), new SoftmaxCrossEntropy(), [Metric.Accuracy], new TrainingOptions { Seed = 5, IntraOpThreads = 1 });
        var history = compiled.Fit(data, epochs: 4, batchSize: 16, validation: validation);
        Assert.Equal(4, history.Epochs.Count);
        Assert.Equal(["loss", "accuracy", "val_loss", "val_accuracy", "lr"], history.Epochs[0].Values.Select(v => v.Key));
        Assert.True(history["loss"][3] < history["loss"][0], $"loss did not fall: {string.Join(", ", history["loss"])}");
        Assert.True(history["val_accuracy"][3] > 0.8, $"validation accuracy {string.Join(", ", history["val_accuracy"])}, training {string.Join(", ", history["accuracy"])}, loss {string.Join(", ", history["loss"])} (chance is 1/3)");
        Assert.Equal(4 * 6, history.Steps);
    }

    [Fact]
    public void A_seed_makes_a_run_bit_for_bit_repeatable()
    {
        float[][] Run(ulong seed)
        {
            var model = SmallCnn();
            using var compiled = model.Compile(new Sgd(0.05f, momentum: 0.9f), new SoftmaxCrossEntropy(), [], new TrainingOptions { Seed = seed, IntraOpThreads = 2 });
            compiled.Fit(SyntheticData.Images(60, [1, 8, 8]), epochs: 2, batchSize: 16);
            return model.Weights.Select(w => w.ToFloats()).ToArray();
        }
        var first = Run(7);
        var second = Run(7);
        var other = Run(8);
        for (int i = 0; i < first.Length; i++)
            Assert.True(first[i].AsSpan().SequenceEqual(second[i]), $"weight {i} differs between two runs with seed 7");
        Assert.Contains(Enumerable.Range(0, first.Length), i => !first[i].AsSpan().SequenceEqual(other[i]));
    }

    [Fact]
    public void Trained_weights_export_at_every_opset_and_compute_what_training_evaluated()
    {
        var model = SmallCnn();
        var data = SyntheticData.Images(64, [1, 8, 8]);
        using var compiled = model.Compile(new Adam(0.01f), new SoftmaxCrossEntropy(), [Metric.Accuracy], new TrainingOptions { Seed = 3 });
        compiled.Fit(data, epochs: 2, batchSize: 16);
        var evaluated = compiled.Evaluate(data);
        var statistics = model.Weights.Single(w => w.FullName.EndsWith("/moving_mean", StringComparison.Ordinal));
        Assert.True(statistics.HasAssignedValue && statistics.ToFloats().Any(v => v != 0), "the running mean was not written back");

        var input = DenseTensor.FromFloats(data.Inputs, [data.Count, .. data.ExampleDims]);
        float[]? reference = null;
        foreach (int opset in new[] { 9, 13, 17 })
        {
            using var session = OnnxSession.FromModel(model.ToOnnx(new ExportOptions { Opset = opset }));
            var logits = session.Run(new Dictionary<string, ITensor> { [session.Inputs[0].Name] = input }).Values.Single().ToArray<float>();
            reference ??= logits;
            Assert.Equal(reference.Length, logits.Length);
            for (int i = 0; i < logits.Length; i++) Assert.True(Math.Abs(logits[i] - reference[i]) <= 1e-5f * (1 + Math.Abs(reference[i])), $"opset {opset} differs at {i}");
            int correct = Enumerable.Range(0, data.Count).Count(n => ArgMax(logits.AsSpan(n * 3, 3)) == data.Labels![n]);
            Assert.Equal(evaluated.Metrics["accuracy"], (double)correct / data.Count, 6);
        }
    }

    private static int ArgMax(ReadOnlySpan<float> row)
    {
        int best = 0;
        for (int i = 1; i < row.Length; i++) if (row[i] > row[best]) best = i;
        return best;
    }
}
