using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using OnnxKit.Optimizer.Conversion;
using OnnxKit.Optimizer.Tests.TestSupport;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Tests.Conversion;

/// <summary>
/// Converting up fuses the spelled-out Gelu, LayerNormalization, HardSwish and Mish back into those operators:
/// the expansions <c>convert</c> writes going down come back as the original nodes (same operators, same node
/// count), and the round-tripped model gives the original's outputs on ONNX Runtime.
/// </summary>
public sealed class NativeOpFusionTests
{
    private static readonly string[] NativeOps = ["Gelu", "LayerNormalization", "HardSwish", "Mish"];

    [Theory]
    [InlineData(7, "tanh")]
    [InlineData(9, "none")]
    [InlineData(13, "none")]
    public void ExpansionsComeBackAsTheNativeOperatorsGoingUp(int bottom, string geluForm)
    {
        var model = NativeOpModel(geluForm);
        var down = Convert(model, bottom);
        Assert.DoesNotContain(down.Graph.Nodes, n => NativeOps.Contains(n.OpType));

        var up = OpsetConverter.Convert(down, new ConvertOptions { TargetOpset = 21 });
        Assert.Equal(OpTypes(model), OpTypes(up.Model));
        Assert.Equal(model.Graph.Nodes.Count, up.Model.Graph.Nodes.Count);
        Assert.Equal(model.Graph.Initializers.Count, up.Model.Graph.Initializers.Count);
        Assert.Equal([("Gelu", 1), ("HardSwish", 1), ("LayerNormalization", 2), ("Mish", 1)],
            up.Fused.Select(f => (f.OpType, f.Count)).OrderBy(f => f.OpType, StringComparer.Ordinal).ToArray());
        Numerics.AssertSameOutputs(model, up.Model, 1e-5, 1e-5);
    }

    [Fact]
    public void NoFuseKeepsTheExpansionsAndOnlyFusesOperatorsNewerThanTheSource()
    {
        var down = Convert(NativeOpModel("tanh"), 7);
        var kept = OpsetConverter.Convert(down, new ConvertOptions { TargetOpset = 21, FuseNativeOps = false });
        Assert.Empty(kept.Fused);
        Assert.DoesNotContain(kept.Model.Graph.Nodes, n => NativeOps.Contains(n.OpType));

        // From 17 up, HardSwish and LayerNormalization already existed at the source: their spelled-out forms are the author's choice.
        var decomposed17 = OpsetConverter.Convert(down, new ConvertOptions { TargetOpset = 17, FuseNativeOps = false }).Model;
        var at17 = OpsetConverter.Convert(decomposed17, new ConvertOptions { TargetOpset = 21 });
        Assert.Equal(["Gelu", "Mish"], at17.Fused.Select(f => f.OpType).Order(StringComparer.Ordinal).ToArray());
        Assert.DoesNotContain(at17.Model.Graph.Nodes, n => n.OpType is "LayerNormalization" or "HardSwish");
    }

    /// <summary>Gelu → HardSwish → Mish → LayerNormalization with scale and bias → LayerNormalization over two axes with scale only, at opset 21.</summary>
    private static Model NativeOpModel(string geluForm)
    {
        var b = new GraphBuilder(opset: 21);
        var x = b.Input("x", DataType.Float, 3, 4, 8);
        var h = b.Op("Gelu", [x], IrAttribute.String("approximate", geluForm));
        h = b.Op("HardSwish", [h]);
        h = b.Op("Mish", [h]);
        h = b.Op("LayerNormalization", [h, b.Random("scale", [8]), b.Random("bias", [8])], IrAttribute.Int("axis", -1), IrAttribute.Float("epsilon", 1e-3f));
        b.Output(b.Op("LayerNormalization", [h, b.Random("scale2", [4, 8])], IrAttribute.Int("axis", 1)), DataType.Float, 3, 4, 8);
        return b.ToModel();
    }

    private static string[] OpTypes(Model model) => model.Graph.Nodes.Select(n => n.OpType).ToArray();

    private static Model Convert(Model model, int opset) => OpsetConverter.Convert(model, new ConvertOptions { TargetOpset = opset }).Model;
}
