using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using OnnxKit.Optimizer.Tests.TestSupport;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Tests.Rules.Patterns;

public sealed class PatternFusionTests
{
    /// <summary>The Keras threshold_min_max_value lambda as an exporter lowers it, with the comparison spelling of the opset.</summary>
    private static Model Threshold(long opset, float min = -0.5f, float max = 0.75f)
    {
        var g = new GraphBuilder(opset);
        var x = g.Input("x", DataType.Float, "N", 8);
        var lo = g.Floats("lo", [min], []);
        var hi = g.Floats("hi", [max], []);
        var one = g.Floats("one", [1f], []);
        Value AtLeast(Value k) => opset >= 12 ? g.Op("GreaterOrEqual", [x, k]) : g.Op("Not", [g.Op("Less", [x, k])]);
        Value AtMost(Value k) => opset switch
        {
            >= 12 => g.Op("LessOrEqual", [x, k]),
            >= 11 => g.Op("Or", [g.Op("Less", [x, k]), g.Op("Equal", [x, k])]), // Equal takes floats from opset 11
            _ => g.Op("Not", [g.Op("Greater", [x, k])]),
        };
        var ge = g.Op("Cast", [AtLeast(hi)], IrAttribute.Int("to", (long)DataType.Float));
        var lt = g.Op("Sub", [one, ge]);
        var le = g.Op("Cast", [AtMost(lo)], IrAttribute.Int("to", (long)DataType.Float));
        var gt = g.Op("Sub", [one, le]);
        var tmp0 = g.Op("Mul", [g.Op("Mul", [lt, gt]), x]);
        var y = g.Op("Add", [g.Op("Add", [tmp0, g.Op("Mul", [lo, le])]), g.Op("Mul", [hi, ge])]);
        return g.Output(g.Op("Relu", [y]), new TensorType(DataType.Float)).ToModel();
    }

    [Theory]
    [InlineData(9)]
    [InlineData(11)]
    [InlineData(13)]
    public void TheKerasThresholdLambdaBecomesClip(long opset)
    {
        var model = Threshold(opset);
        var optimized = Optimize.With(model, "fuse-threshold-clip", "eliminate-dead-code").Model;
        Assert.Equal(["Clip", "Relu"], Optimize.Ops(optimized));
        var clip = optimized.Graph.Nodes.First!;
        if (opset < 11) Assert.Equal((-0.5f, 0.75f), (clip.Attributes.GetFloat("min", 0), clip.Attributes.GetFloat("max", 0)));
        else Assert.Equal(3, clip.Inputs.Count);
        Numerics.AssertSameOutputs(model, optimized, rtol: 0, atol: 0);
    }

    [Fact]
    public void AThresholdWithSwappedBoundsIsNotAClip()
    {
        var model = Threshold(13, min: 1f, max: -1f);
        Assert.DoesNotContain("Clip", Optimize.Ops(Optimize.With(model, "fuse-threshold-clip").Model));
    }

    private static Model ErfGelu(bool divide)
    {
        var g = new GraphBuilder(20);
        var x = g.Input("x", 3, 5);
        var t = divide ? g.Op("Div", [x, g.Floats("sqrt2", [1.4142135f], [])]) : g.Op("Mul", [g.Floats("rsqrt2", [0.70710677f], []), x]);
        var onePlus = g.Op("Add", [g.Op("Erf", [t]), g.Floats("one", [1f], [])]);
        var y = g.Op("Mul", [g.Op("Mul", [x, g.Floats("half", [0.5f], [])]), onePlus]);
        return g.Output(y, DataType.Float, 3, 5).ToModel();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheErfFormulaBecomesGelu(bool divide)
    {
        var model = ErfGelu(divide);
        var optimized = Optimize.With(model, "fuse-gelu", "eliminate-dead-code").Model;
        Assert.Equal(["Gelu"], Optimize.Ops(optimized));
        Assert.Null(optimized.Graph.Nodes.First!.Attributes["approximate"]);
        Numerics.AssertSameOutputs(model, optimized, rtol: 1e-5, atol: 1e-6);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheTanhFormulaBecomesTanhGelu(bool usePow)
    {
        var g = new GraphBuilder(20);
        var x = g.Input("x", 3, 5);
        var cube = usePow ? g.Op("Pow", [x, g.Floats("three", [3f], [])]) : g.Op("Mul", [g.Op("Mul", [x, x]), x]);
        var inner = g.Op("Add", [x, g.Op("Mul", [g.Floats("k", [0.044715f], []), cube])]);
        var th = g.Op("Tanh", [g.Op("Mul", [inner, g.Floats("c", [0.7978846f], [])])]);
        var y = g.Op("Mul", [g.Floats("half", [0.5f], []), g.Op("Mul", [x, g.Op("Add", [g.Floats("one", [1f], []), th])])]);
        var model = g.Output(y, DataType.Float, 3, 5).ToModel();

        var optimized = Optimize.With(model, "fuse-gelu", "eliminate-dead-code").Model;
        Assert.Equal(["Gelu"], Optimize.Ops(optimized));
        Assert.Equal("tanh", optimized.Graph.Nodes.First!.Attributes.GetString("approximate", ""));
        Numerics.AssertSameOutputs(model, optimized, rtol: 1e-5, atol: 1e-6);
    }

    [Fact]
    public void GeluIsNotIntroducedBeforeOpset20()
    {
        var model = ErfGelu(divide: true);
        model.OpsetImports[0] = new OpsetImport("", 19);
        Assert.DoesNotContain("Gelu", Optimize.Ops(Optimize.With(model, "fuse-gelu").Model));
    }

    [Theory]
    [InlineData(17, true, true)]
    [InlineData(18, true, false)]
    [InlineData(17, false, false)]
    public void LayerNormalizationWrittenOutBecomesTheOperator(long opset, bool affine, bool usePow)
    {
        var g = new GraphBuilder(opset);
        var x = g.Input("x", DataType.Float, "N", 4, 16);
        Value Mean(Value v) => opset >= 18 ? g.Op("ReduceMean", [v, g.Ints("axes_" + v.Name, -1)]) : g.Op("ReduceMean", [v], IrAttribute.Ints("axes", [-1]));
        var d = g.Op("Sub", [x, Mean(x)]);
        var square = usePow ? g.Op("Pow", [d, g.Floats("two", [2f], [])]) : g.Op("Mul", [d, d]);
        var normalized = g.Op("Div", [d, g.Op("Sqrt", [g.Op("Add", [Mean(square), g.Floats("eps", [1e-5f], [])])])]);
        var y = affine ? g.Op("Add", [g.Op("Mul", [normalized, g.Random("gamma", [16])]), g.Random("beta", [16])]) : normalized;
        var model = g.Output(y, new TensorType(DataType.Float)).ToModel();

        var optimized = Optimize.With(model, "fuse-layer-norm", "eliminate-dead-code").Model;
        Assert.Equal(["LayerNormalization"], Optimize.Ops(optimized));
        var norm = optimized.Graph.Nodes.First!;
        Assert.Equal(-1, norm.Attributes.GetInt("axis", 0));
        Assert.Equal(affine ? 3 : 2, norm.Inputs.Count);
        Numerics.AssertSameOutputs(model, optimized, rtol: 1e-4, atol: 1e-5);
    }

    [Theory]
    [InlineData(13, true, 1)]
    [InlineData(18, false, -1)]
    [InlineData(11, true, -1)]
    public void SoftmaxWrittenOutBecomesTheOperator(long opset, bool subtractMax, long axis)
    {
        var g = new GraphBuilder(opset);
        var x = g.Input("x", 2, 5, 7);
        Value Reduce(string op, Value v) => (op == "ReduceSum" ? opset >= 13 : opset >= 18)
            ? g.Op(op, [v, g.Ints($"axes_{op}", axis)]) : g.Op(op, [v], IrAttribute.Ints("axes", [axis]));
        var z = subtractMax ? g.Op("Sub", [x, Reduce("ReduceMax", x)]) : x;
        var e = g.Op("Exp", [z]);
        var model = g.Output(g.Op("Div", [e, Reduce("ReduceSum", e)]), DataType.Float, 2, 5, 7).ToModel();

        var optimized = Optimize.With(model, "fuse-softmax", "eliminate-dead-code").Model;
        Assert.Equal(["Softmax"], Optimize.Ops(optimized));
        Numerics.AssertSameOutputs(model, optimized, rtol: 1e-5, atol: 1e-6);
    }

    [Fact]
    public void SoftmaxOverAnInnerAxisIsNotFusedBeforeOpset13()
    {
        var g = new GraphBuilder(11);
        var x = g.Input("x", 2, 5, 7);
        var e = g.Op("Exp", [x]);
        var model = g.Output(g.Op("Div", [e, g.Op("ReduceSum", [e], IrAttribute.Ints("axes", [1]))]), new TensorType(DataType.Float)).ToModel();
        Assert.DoesNotContain("Softmax", Optimize.Ops(Optimize.With(model, "fuse-softmax").Model));
    }
}
