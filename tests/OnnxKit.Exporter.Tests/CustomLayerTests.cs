using OnnxKit.Exporter.Export;
using OnnxKit.Exporter.Lowering;
using OnnxKit.Exporter.Networks;
using OnnxKit.Exporter.Tests.TestSupport;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.Tests;

/// <summary>The layer of docs/writing-a-layer.md works as the document says.</summary>
public sealed class CustomLayerTests
{
    /// <summary>y = s · (x·W), with one learned scale per unit (as in the document).</summary>
    private sealed class ScaledDense(int units, string? name = null) : Layer(name)
    {
        private Weight? kernel;
        private Weight? scale;

        public Weight Kernel => Built(kernel)!;

        public Weight Scale => Built(scale)!;

        protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes)
        {
            var shape = inputShapes[0];
            if (shape.Length != 1)
                throw ShapeError($"expects flat inputs (None, features) but was called on shape (None, {string.Join(", ", shape)}).");
            if (kernel is not null && kernel.Shape[0] != shape[0])
                throw ShapeError($"was built for {kernel.Shape[0]} features but was called on {shape[0]}.");
            return [[units]];
        }

        protected override void Build(IReadOnlyList<long[]> inputShapes)
        {
            kernel = AddWeight("kernel", [inputShapes[0][0], units], Initializers.GlorotUniform);
            scale = AddWeight("scale", [units], Initializers.Ones);
        }

        protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs)
        {
            var product = builder.MatMul(inputs[0], builder.Weight(Kernel));
            return [builder.Mul(product, builder.Weight(Scale))];
        }
    }

    [Fact]
    public void TheDocumentedLayerNamesSummarizesAndExports()
    {
        using var scope = LayerNames.NewScope();
        var layer = new ScaledDense(3);
        Assert.Equal("scaled_dense", layer.Name);
        var input = Layers.Input(4);
        var model = new FunctionalModel(input, layer.Call(input));
        Assert.Contains("scaled_dense (ScaledDense)", model.Summary());
        Assert.Equal(15, model.ParameterCount);
        Assert.Contains("has no scale yet", Assert.Throws<InvalidOperationException>(() => new ScaledDense(2, "unbuilt").Scale).Message);
        layer.Scale.Assign([1f, 2f, -1f]);

        var x = OrtRunner.RandomData(8, 2);
        var product = NaiveOps.Dense(x, 2, 4, layer.Kernel.ToFloats(), null, 3);
        var expected = product.Select((v, i) => v * new[] { 1f, 2f, -1f }[i % 3]).ToArray();
        NumericAssert.Close(expected, OrtRunner.Run(model.ToOnnx(new ExportOptions { Opset = 9 }), (x, [2, 4]))[0]);
        Assert.Contains("(None, 4, 4)", Assert.Throws<LayerShapeException>(() => new ScaledDense(2).Call(Layers.Input(4, 4))).Message);
    }
}
