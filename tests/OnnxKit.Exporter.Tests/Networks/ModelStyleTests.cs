using OnnxKit.Exporter.Networks;
using OnnxKit.Exporter.StandardLayers;
using OnnxKit.Exporter.Tests.TestSupport;

namespace OnnxKit.Exporter.Tests.Networks;

/// <summary>The same network built in different styles gives the same summary rows and the same ONNX graph.</summary>
public sealed class ModelStyleTests
{
    [Fact]
    public void SequentialFunctionalAndSubclassedCnnsExportTheSameGraph()
    {
        string sequential, functional, subclassed, procedural;
        using (LayerNames.NewScope())
        {
            sequential = GraphText.Of(new SequentialModel([
                Layers.InputLayer(1, 28, 28), Layers.Conv2D(6, 5, padding: Padding.Same, activation: Activation.Relu), Layers.MaxPooling2D(),
                Layers.Conv2D(16, 5, activation: Activation.Relu), Layers.MaxPooling2D(), Layers.Flatten(), Layers.Dense(120, Activation.Relu),
                Layers.Dense(84, Activation.Relu), Layers.Dense(10, Activation.Softmax)]).ToOnnx());
        }
        using (LayerNames.NewScope())
        {
            var input = Layers.Input(1, 28, 28);
            var x = Layers.Conv2D(6, 5, padding: Padding.Same, activation: Activation.Relu).Call(input);
            x = Layers.MaxPooling2D().Call(x);
            x = Layers.Conv2D(16, 5, activation: Activation.Relu).Call(x);
            x = Layers.MaxPooling2D().Call(x);
            x = Layers.Flatten().Call(x);
            x = Layers.Dense(120, Activation.Relu).Call(x);
            x = Layers.Dense(84, Activation.Relu).Call(x);
            functional = GraphText.Of(new FunctionalModel(input, Layers.Dense(10, Activation.Softmax).Call(x)).ToOnnx());
        }
        using (LayerNames.NewScope())
        {
            subclassed = GraphText.Of(new LeNet().ToOnnx());
        }
        using (LayerNames.NewScope())
        {
            var model = new SequentialModel([Layers.InputLayer(1, 28, 28)]);
            ConvBlock(model, 6, Padding.Same);
            ConvBlock(model, 16, Padding.Valid);
            model.Add(Layers.Flatten());
            foreach (int units in new[] { 120, 84 }) model.Add(Layers.Dense(units, Activation.Relu));
            model.Add(Layers.Dense(10, Activation.Softmax));
            procedural = GraphText.Of(model.ToOnnx());
        }
        Assert.Equal(sequential, functional);
        Assert.Equal(sequential, subclassed);
        Assert.Equal(sequential, procedural);
    }

    [Fact]
    public void InlineAndProceduralSequentialModelsPrintTheSameSummary()
    {
        string inline, procedural;
        using (LayerNames.NewScope())
        {
            inline = new SequentialModel([
                Layers.Conv2D(64, 3, padding: Padding.Same, activation: Activation.Relu).WithInputShape(3, 32, 32),
                Layers.Conv2D(64, 3, padding: Padding.Same, activation: Activation.Relu), Layers.MaxPooling2D(2, 2),
                Layers.Conv2D(128, 3, padding: Padding.Same, activation: Activation.Relu), Layers.MaxPooling2D(2, 2)]).Summary();
        }
        using (LayerNames.NewScope())
        {
            var model = new SequentialModel([Layers.Conv2D(64, 3, padding: Padding.Same, activation: Activation.Relu).WithInputShape(3, 32, 32)]);
            void Block(int layers, int filters)
            {
                for (int i = 0; i < layers; i++) model.Add(Layers.Conv2D(filters, 3, padding: Padding.Same, activation: Activation.Relu));
                model.Add(Layers.MaxPooling2D(2, strides: 2));
            }
            Block(1, 64);
            Block(1, 128);
            procedural = model.Summary();
        }
        Assert.Equal(inline, procedural);
    }

    private static void ConvBlock(SequentialModel model, int filters, Padding padding)
    {
        model.Add(Layers.Conv2D(filters, 5, padding: padding, activation: Activation.Relu));
        model.Add(Layers.MaxPooling2D());
    }

    /// <summary>LeNet-5 as a subclassed model (one pooling layer called twice in the usual form; here two pooling layers so the graph matches the others).</summary>
    private sealed class LeNet : SubclassedModel
    {
        private readonly Conv2D conv1 = Layers.Conv2D(6, 5, padding: Padding.Same, activation: Activation.Relu);
        private readonly MaxPooling2D pool1 = Layers.MaxPooling2D();
        private readonly Conv2D conv2 = Layers.Conv2D(16, 5, activation: Activation.Relu);
        private readonly MaxPooling2D pool2 = Layers.MaxPooling2D();
        private readonly Flatten flatten = Layers.Flatten();
        private readonly Dense fc1 = Layers.Dense(120, Activation.Relu);
        private readonly Dense fc2 = Layers.Dense(84, Activation.Relu);
        private readonly Dense fc3 = Layers.Dense(10, Activation.Softmax);

        public LeNet() : base([1, 28, 28])
        {
        }

        protected override IReadOnlyList<SymbolicTensor> Forward(IReadOnlyList<SymbolicTensor> inputs)
        {
            var x = pool1.Call(conv1.Call(inputs[0]));
            x = pool2.Call(conv2.Call(x));
            return [fc3.Call(fc2.Call(fc1.Call(flatten.Call(x))))];
        }
    }
}
