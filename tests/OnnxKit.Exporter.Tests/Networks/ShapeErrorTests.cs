using OnnxKit.Exporter.Networks;

namespace OnnxKit.Exporter.Tests.Networks;

public sealed class ShapeErrorTests
{
    [Fact]
    public void AddOfMismatchedShapesNamesTheLayerAndBothShapes()
    {
        using var scope = LayerNames.NewScope();
        var input = Layers.Input(784);
        var a = Layers.Dense(64).Call(input);
        var b = Layers.Dense(32).Call(input);
        var error = Assert.Throws<LayerShapeException>(() => Layers.Add().Call(a, b));
        Assert.Equal("add", error.LayerName);
        Assert.Contains("'add' (Add)", error.Message);
        Assert.Contains("(None, 64)", error.Message);
        Assert.Contains("(None, 32)", error.Message);
    }

    [Fact]
    public void ReusingADenseLayerOnAnotherWidthIsRefused()
    {
        using var scope = LayerNames.NewScope();
        var dense = Layers.Dense(10);
        dense.Call(Layers.Input(13));
        var error = Assert.Throws<LayerShapeException>(() => dense.Call(Layers.Input(7)));
        Assert.Contains("'dense' (Dense)", error.Message);
        Assert.Contains("13", error.Message);
        Assert.Contains("(None, 7)", error.Message);
    }

    [Fact]
    public void ConvolutionOnAFlatInputIsRefusedAtCallTime()
    {
        using var scope = LayerNames.NewScope();
        var error = Assert.Throws<LayerShapeException>(() => Layers.Conv2D(8, 3).Call(Layers.Input(784)));
        Assert.Contains("'conv2d' (Conv2D)", error.Message);
        Assert.Contains("(None, 784)", error.Message);
    }

    [Fact]
    public void KernelLargerThanTheImageIsRefused()
    {
        var error = Assert.Throws<LayerShapeException>(() => Layers.Conv2D(8, 5).Call(Layers.Input(1, 3, 3)));
        Assert.Contains("(None, 1, 3, 3)", error.Message);
    }

    [Fact]
    public void SequentialReportsTheBadLayerWhenItIsAdded()
    {
        using var scope = LayerNames.NewScope();
        var model = new SequentialModel([Layers.Dense(10).WithInputShape(13)]);
        var error = Assert.Throws<LayerShapeException>(() => model.Add(Layers.MaxPooling2D()));
        Assert.Contains("'max_pooling2d' (MaxPooling2D)", error.Message);
        Assert.Contains("(None, 10)", error.Message);
        Assert.Single(model.Sublayers);
    }

    [Fact]
    public void ConcatenateChecksTheOtherAxes()
    {
        var a = Layers.Input(3, 8, 8);
        var b = Layers.Input(5, 4, 4);
        var error = Assert.Throws<LayerShapeException>(() => Layers.Concatenate(axis: 1).Call(a, b));
        Assert.Contains("(None, 3, 8, 8)", error.Message);
        Assert.Contains("(None, 5, 4, 4)", error.Message);
    }

    [Fact]
    public void DisconnectedFunctionalModelIsRefused()
    {
        using var scope = LayerNames.NewScope();
        var a = Layers.Input(4);
        var b = Layers.Input(4);
        var sum = Layers.Add().Call(a, b);
        var error = Assert.Throws<OnnxKitException>(() => new FunctionalModel(a, sum));
        Assert.Contains("input_2", error.Message);
    }
}
