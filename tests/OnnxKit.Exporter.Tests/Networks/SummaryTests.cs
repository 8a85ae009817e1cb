using OnnxKit.Exporter.Networks;

namespace OnnxKit.Exporter.Tests.Networks;

public sealed class SummaryTests
{
    [Fact]
    public void FunctionalMnistMlpPrintsKerasTable()
    {
        using var scope = LayerNames.NewScope();
        var inputs = Layers.Input(784);
        var x = Layers.Dense(64, Activation.Relu).Call(inputs);
        x = Layers.Dense(64, Activation.Relu).Call(x);
        var outputs = Layers.Dense(10, Activation.Softmax).Call(x);
        var model = new FunctionalModel(inputs, outputs);

        // Keras 2's classic layout for its functional-API MNIST MLP (docs/model-zoo.md).
        string expected = string.Join("\n",
            "Model: \"model\"",
            "_________________________________________________________________",
            "Layer (type)                 Output Shape              Param #   ",
            "=================================================================",
            "input_1 (InputLayer)         [(None, 784)]             0         ",
            "_________________________________________________________________",
            "dense (Dense)                (None, 64)                50240     ",
            "_________________________________________________________________",
            "dense_1 (Dense)              (None, 64)                4160      ",
            "_________________________________________________________________",
            "dense_2 (Dense)              (None, 10)                650       ",
            "=================================================================",
            "Total params: 55,050",
            "Trainable params: 55,050",
            "Non-trainable params: 0",
            "_________________________________________________________________",
            "");
        Assert.Equal(expected, model.Summary());
    }

    [Fact]
    public void RegressorLongFormHasActivationRows()
    {
        using var scope = LayerNames.NewScope();
        var model = new SequentialModel([
            Layers.Dense(10).WithInputShape(13), Layers.ReLU(), Layers.Dense(10), Layers.ReLU(), Layers.Dense(1)]);
        string summary = model.Summary();
        Assert.Equal(
            [("dense", "Dense", "(None, 10)", 140), ("re_lu", "ReLU", "(None, 10)", 0), ("dense_1", "Dense", "(None, 10)", 110),
             ("re_lu_1", "ReLU", "(None, 10)", 0), ("dense_2", "Dense", "(None, 1)", 11)],
            Rows(model));
        Assert.Contains("Model: \"sequential\"", summary);
        Assert.Contains("Total params: 261\n", summary);
        Assert.Contains("Trainable params: 261\n", summary);
        Assert.Contains("Non-trainable params: 0\n", summary);
        Assert.DoesNotContain("InputLayer", summary);
    }

    [Fact]
    public void ShorthandActivationsGetNoRowsT3()
    {
        using var scope = LayerNames.NewScope();
        var model = new SequentialModel([
            Layers.Dense(10, Activation.Relu).WithInputShape(13), Layers.Dense(10, Activation.Relu), Layers.Dense(1)]);
        Assert.Equal([("dense", "Dense", "(None, 10)", 140), ("dense_1", "Dense", "(None, 10)", 110), ("dense_2", "Dense", "(None, 1)", 11)], Rows(model));
        Assert.Equal(261, model.ParameterCount);
    }

    [Fact]
    public void BranchingModelGetsConnectedToColumn()
    {
        using var scope = LayerNames.NewScope();
        var input = Layers.Input(784);
        var shortcut = Layers.Dense(64, Activation.Relu).Call(input);
        var x = Layers.Dense(32, Activation.Relu).Call(shortcut);
        x = Layers.Dense(64).Call(x);
        x = Layers.Add().Call(shortcut, x);
        var model = new FunctionalModel(input, Layers.Dense(10, Activation.Softmax).Call(Layers.ReLU().Call(x)));
        var lines = model.Summary().Split('\n');
        Assert.Equal(98, lines[1].Length);
        Assert.StartsWith("Layer (type)                    Output Shape         Param #     Connected to", lines[2]);
        int addRow = Array.FindIndex(lines, l => l.StartsWith("add (Add)", StringComparison.Ordinal));
        Assert.EndsWith("dense[0][0]", lines[addRow].TrimEnd());
        Assert.EndsWith("dense_2[0][0]", lines[addRow + 1].TrimEnd());
        Assert.Contains("Total params: 55,082", model.Summary());
    }

    [Fact]
    public void BatchNormStatisticsAndFrozenLayersAreNonTrainable()
    {
        using var scope = LayerNames.NewScope();
        var model = new SequentialModel([
            Layers.InputLayer(3, 32, 32), Layers.Conv2D(32, 3, padding: Padding.Same), Layers.BatchNormalization(), Layers.ReLU(),
            Layers.GlobalAveragePooling2D(), Layers.Dense(10, Activation.Softmax)]);
        Assert.Equal(1354, model.ParameterCount);
        Assert.Equal(64, model.NonTrainableParameterCount);
        model.Sublayers[0].Trainable = false;
        Assert.Equal(64 + 896, model.NonTrainableParameterCount);
        Assert.Contains("Non-trainable params: 960", model.Summary());
    }

    [Fact]
    public void SharedLayerShowsItsCallsAsConnections()
    {
        using var scope = LayerNames.NewScope();
        var input = Layers.Input(1, 28, 28);
        var pool = Layers.MaxPooling2D();
        var x = pool.Call(Layers.Conv2D(6, 5, padding: Padding.Same).Call(input));
        x = pool.Call(Layers.Conv2D(16, 5).Call(x));
        var model = new FunctionalModel(input, x);
        var row = model.Summary().Split('\n').First(l => l.StartsWith("max_pooling2d", StringComparison.Ordinal));
        Assert.Contains("multiple", row);
    }

    private static (string, string, string, long)[] Rows(Network model) =>
        model.Sublayers.Select(l => (l.Name, l.TypeName, ShapeText.Format(l.Calls[0].Outputs[0].Shape), l.ParameterCount)).ToArray();
}
