using OnnxKit.Exporter.Export;
using OnnxKit.Exporter.Initialization;
using OnnxKit.Ir;
using OnnxKit.Models;
using OnnxKit.Serialization;
using OnnxKit.Serialization.NumPy;
using OnnxKit.Tests.TestSupport;
using OnnxKit.Training.Graphs;
using OnnxKit.Training.Losses;
using OnnxKit.Training.Metrics;
using OnnxKit.Training.Optimizers;
using OnnxKit.Training.Tests.TestSupport;

namespace OnnxKit.Training.Tests.Fitting;

/// <summary>
/// One training step of a zoo CNN through the public API (<c>Compile</c> + <c>Fit</c> on one
/// batch) matches one PyTorch 1.13 step (run in float64) from the same initial weights, batch
/// and optimizer: the loss, and every weight's change (and BatchNormalization's running
/// statistics' change) to 1e-4 max-norm relative error. lenet5 ends in a Softmax (both read
/// through it) and trains with Adam; composable-featurepool-learner has BatchNormalization
/// and stride-2 convolutions and trains with SGD, momentum and weight decay.
/// </summary>
/// <remarks>
/// Three facts of float arithmetic shape the setup. (1) A convolution's bias followed by
/// BatchNormalization has a gradient of exactly zero, which any float32 implementation gives as
/// rounding noise; for such tensors (PyTorch's float64 change below 1e-6 of the largest change)
/// the test asserts that ours is below 1e-5 of the largest change. (2) Adam divides by
/// √v + ε, so with Keras's ε = 1e-7 a gradient that is zero up to rounding becomes a step of
/// any size; the Adam comparison uses ε = 1e-3, which keeps the step a smooth function of the
/// gradient while still exercising the moments and bias corrections. (3) A max pool whose
/// window holds two values closer than float32 rounding routes the gradient to whichever its
/// forward pass computed larger: composable-maxpool-learner meets one such window in 65,536 on
/// this batch (one output channel of one kernel then differs), so the max-pool model here is
/// lenet5, where no window is that close, and max pooling itself is compared per operator.
/// </remarks>
public sealed class TorchStepTests
{
    [TorchTheory]
    [InlineData("lenet5", "adam")]
    [InlineData("composable-featurepool-learner", "sgd")]
    public void OneStepMatchesPyTorch(string name, string optimizerKind)
    {
        using var folder = new TempFolder();
        var network = ModelZoo.Create(name, new ZooOptions { Classes = 10 });
        var forward = network.ToOnnx(new ExportOptions { Opset = StepGraphBuilder.Opset, Seed = 3 });
        string modelPath = folder.File("model.onnx"), dataPath = folder.File("data.npz"), outPath = folder.File("torch.npz");
        OnnxFile.Save(forward, modelPath);
        var before = network.Weights.ToDictionary(w => w.FullName, w => w.GetValue(3).ToArray<float>());

        const int batch = 8;
        var exampleDims = network.Inputs[0].Shape.ToArray();
        int size = (int)exampleDims.Aggregate(1L, (a, b) => a * b);
        var random = new SeededRandom(11);
        var x = Enumerable.Range(0, batch * size).Select(_ => (float)random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, batch).Select(i => (long)(i * 3 % 10)).ToArray();
        NpzFile.Write(dataPath, [new("x", DenseTensor.FromFloats(x, [batch, .. exampleDims])), new("labels", DenseTensor.FromInt64s(labels, [batch]))]);

        Optimizers.Optimizer optimizer = optimizerKind == "sgd" ? new Sgd(0.1f, momentum: 0.9f, weightDecay: 1e-3f) : new Adam(0.01f, epsilon: 1e-3f);
        var spec = optimizerKind == "sgd"
            ? new Dictionary<string, object> { ["kind"] = "sgd", ["lr"] = 0.1, ["momentum"] = 0.9, ["weight_decay"] = 1e-3 }
            : new Dictionary<string, object> { ["kind"] = "adam", ["lr"] = 0.01, ["beta1"] = 0.9, ["beta2"] = 0.999, ["eps"] = 1e-3 };
        var trainable = network.Weights.Where(w => w.IsTrainable).Select(w => w.FullName).ToArray();
        var errors = TorchReference.Run("step", [new Dictionary<string, object>
        {
            ["model"] = modelPath, ["data"] = dataPath, ["output"] = outPath, ["optimizer"] = spec, ["trainable"] = trainable, ["double"] = true,
        }], folder.Path);
        Assert.Null(errors[outPath]);
        var torch = NpzFile.Read(outPath);

        using var compiled = network.Compile(optimizer, new SoftmaxCrossEntropy(), [Metric.Accuracy], new TrainingOptions { Seed = 3 });
        var history = compiled.Fit(TrainingSet.FromArrays(x, exampleDims, labels), epochs: 1, batchSize: batch);

        Closeness.Assert([(float)history["loss"][0]], [torch["__loss__"].ToDoubleArray()[0]], $"{name}: loss");
        var changes = new List<(string Name, float[] Ours, double[] Theirs)>();
        foreach (var weight in network.Weights)
        {
            if (!torch.TryGetValue(weight.FullName, out var theirs)) continue;
            var old = before[weight.FullName];
            var ours = weight.ToFloats();
            changes.Add((weight.FullName, ours.Select((v, i) => v - old[i]).ToArray(), theirs.ToDoubleArray().Select((v, i) => v - old[i]).ToArray()));
        }
        double largest = changes.Max(c => c.Theirs.Max(Math.Abs));
        foreach (var (weight, ours, theirs) in changes)
        {
            if (theirs.Max(Math.Abs) < 1e-6 * largest)
                Assert.True(ours.Max(Math.Abs) < 1e-5 * largest, $"{name}: {weight} should not change (zero gradient) but changed by {ours.Max(Math.Abs):E2}");
            else Closeness.Assert(ours, theirs, $"{name}: change of {weight}");
        }
        int compared = changes.Count;
        Assert.Equal(network.Weights.Count(w => w.IsTrainable) + network.Weights.Count(w => !w.IsTrainable), compared);
    }
}
