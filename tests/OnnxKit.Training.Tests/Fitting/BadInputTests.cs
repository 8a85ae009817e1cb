using OnnxKit.Exporter;
using OnnxKit.Exporter.Networks;
using OnnxKit.Training.Gradients;
using OnnxKit.Training.Losses;
using OnnxKit.Training.Metrics;
using OnnxKit.Training.Optimizers;
using OnnxKit.Training.Tests.TestSupport;

namespace OnnxKit.Training.Tests.Fitting;

/// <summary>
/// Training stops with the step and tensor named when a step goes NaN or infinite, leaving the
/// model's weights as they were; a model with an operator that has no gradient is refused when
/// its training graph is built (before the first step), naming the operator and its node.
/// </summary>
public sealed class BadInputTests
{
    [Fact]
    public void A_nan_in_the_data_stops_training_naming_step_and_tensor_and_keeps_the_weights()
    {
        var model = FitTests.SmallCnn();
        var data = SyntheticData.Images(48, [1, 8, 8]);
        data.Inputs[20 * 64 + 5] = float.NaN;  // example 20: the second batch of 16, in an order the seed shuffles
        using var compiled = model.Compile(new Sgd(0.01f), new SoftmaxCrossEntropy(), [Metric.Accuracy], new TrainingOptions { Seed = 1, IntraOpThreads = 1 });
        var before = model.Weights.Select(w => w.HasAssignedValue ? w.ToFloats() : null).ToArray();
        var error = Assert.Throws<TrainingDivergedException>(() => compiled.Fit(data, epochs: 2, batchSize: 16));
        Assert.Equal(1, error.Epoch);
        Assert.InRange(error.Step, 1, 3);
        Assert.Equal("the loss", error.Tensor);
        Assert.Contains($"Training diverged at step {error.Step} (epoch 1, batch {error.Batch}): the loss is NaN", error.Message);
        var after = model.Weights.Select(w => w.HasAssignedValue ? w.ToFloats() : null).ToArray();
        for (int i = 0; i < before.Length; i++) Assert.Equal(before[i], after[i]);
    }

    [Fact]
    public void An_operator_without_a_gradient_is_refused_before_the_first_step_naming_it()
    {
        using var names = LayerNames.NewScope();
        var model = new SequentialModel([Layers.Conv2D(2, 3).WithInputShape(1, 6, 6), Layers.UpSampling2D(), Layers.Flatten(), Layers.Dense(3)]);
        using var compiled = model.Compile(new Adam(0.01f), new SoftmaxCrossEntropy(), []);
        var error = Assert.Throws<NoGradientException>(() => compiled.Fit(SyntheticData.Images(8, [1, 6, 6]), epochs: 1, batchSize: 8));
        Assert.Equal("Resize", error.OpType);
        Assert.Contains("Operator 'Resize'", error.Message);
        Assert.Contains("has no gradient yet", error.Message);
    }
}
