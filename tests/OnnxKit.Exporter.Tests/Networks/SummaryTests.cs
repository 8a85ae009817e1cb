using OnnxKit.Exporter.Networks;

namespace OnnxKit.Exporter.Tests.Networks;

public sealed class SummaryTests
{
    [Fact]
    public void FunctionalMnistMlpPrintsKerasTableT1()
    {
        using var scope = LayerNames.NewScope();
        var inputs = Layers.Input(784);
        var x = Layers.Dense(64, "relu").Call(inputs);
        x = Layers.Dense(64, "relu").Call(x);
        var outputs = Layers.Dense(10, "softmax").Call(x);
        var model = new FunctionalModel(inputs, outputs);

        // SEEDS.md §1.1 (T1), in Keras 2's classic layout.
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
}
