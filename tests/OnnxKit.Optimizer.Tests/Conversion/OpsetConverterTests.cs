using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using OnnxKit.Optimizer.Conversion;
using OnnxKit.Optimizer.Tests.TestSupport;
using OnnxKit.Serialization;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Tests.Conversion;

/// <summary>
/// The opset converter on small models built in code: the structure each adapter writes, and the numerics of
/// the converted model against the original, both run by ONNX Runtime on the same seeded inputs.
/// </summary>
public sealed class OpsetConverterTests
{
    [Fact]
    public void AxesAttributesBecomeInputsGoingUpAndAttributesAgainGoingDown()
    {
        var b = new GraphBuilder(opset: 12);
        var x = b.Input("x", DataType.Float, 2, 3, 4);
        var summed = b.Op("ReduceSum", [x], IrAttribute.Ints("axes", [1]), IrAttribute.Int("keepdims", 0));
        var expanded = b.Op("Unsqueeze", [summed], IrAttribute.Ints("axes", [0]));
        b.Output(b.Op("Reshape", [expanded, b.Ints("shape", 4, 2)]), DataType.Float, 4, 2);
        var model = b.ToModel();

        var up = Convert(model, 13);
        Assert.Equal(2, up.Graph.Nodes.Single(n => n.OpType == "ReduceSum").Inputs.Count);
        Assert.Null(up.Graph.Nodes.Single(n => n.OpType == "Unsqueeze").Attributes["axes"]);
        Numerics.AssertSameOutputs(model, up, 0, 0);

        var down = Convert(up, 12);
        Assert.Equal([1L], down.Graph.Nodes.Single(n => n.OpType == "ReduceSum").Attributes.GetInts("axes"));
        Assert.Single(down.Graph.Nodes.Single(n => n.OpType == "Unsqueeze").Inputs);
        Numerics.AssertSameOutputs(model, down, 0, 0);
    }

    [Fact]
    public void SoftmaxOnANonLastAxisKeepsItsMeaningAcrossOpset13BothWays()
    {
        var b = new GraphBuilder(opset: 12);
        var x = b.Input("x", DataType.Float, 2, 3, 4);
        b.Output(b.Softmax(x, axis: 1), DataType.Float, 2, 3, 4);
        var old = b.ToModel();
        var up = Convert(old, 13);
        Assert.Equal(["Flatten", "Softmax", "Shape", "Reshape"], up.Graph.Nodes.Select(n => n.OpType).ToArray());
        Numerics.AssertSameOutputs(old, up, 1e-6, 1e-7);

        var nb = new GraphBuilder(opset: 13);
        var y = nb.Input("x", DataType.Float, 2, 3, 4);
        nb.Output(nb.Softmax(y, axis: 0), DataType.Float, 2, 3, 4);
        var fresh = nb.ToModel();
        var down = Convert(fresh, 12);
        Assert.Equal(["Transpose", "Softmax", "Transpose"], down.Graph.Nodes.Select(n => n.OpType).ToArray());
        Numerics.AssertSameOutputs(fresh, down, 1e-6, 1e-7);
    }

    [Fact]
    public void LastAxisSoftmaxIsOnlyRelabelled()
    {
        var b = new GraphBuilder(opset: 13);
        var x = b.Input("x", DataType.Float, 2, 5);
        b.Output(b.Softmax(x), DataType.Float, 2, 5);
        var down = Convert(b.ToModel(), 11);
        Assert.Equal(["Softmax"], down.Graph.Nodes.Select(n => n.OpType).ToArray());
        Assert.Equal(1, down.Graph.Nodes.First().Attributes.GetInt("axis", -99));
    }

    [Fact]
    public void FunctionOperatorsExpandBelowTheirOpsetWithTheSameOutputs()
    {
        var b = new GraphBuilder(opset: 20);
        var x = b.Input("x", DataType.Float, 3, 8);
        var h = b.Gelu(x);
        h = b.Op("HardSwish", [h]);
        h = b.Op("Mish", [h]);
        b.Output(b.Op("LayerNormalization", [h, b.Random("scale", [8]), b.Random("bias", [8])], IrAttribute.Int("axis", -1)), DataType.Float, 3, 8);
        var model = b.ToModel();
        var down = Convert(model, 13);
        Assert.DoesNotContain(down.Graph.Nodes, n => n.OpType is "Gelu" or "HardSwish" or "Mish" or "LayerNormalization");
        Numerics.AssertSameOutputs(model, down, 1e-5, 1e-5);
    }

    [Fact]
    public void ARunTimeInputWithNoAttributeFormIsRefusedNamingNodeOperatorAndBothOpsets()
    {
        var b = new GraphBuilder(opset: 13);
        var x = b.Input("x", DataType.Float, 2, 3);
        var axes = b.Input("axes", DataType.Int64, 1);
        b.Output(b.AddNode("ReduceSum", [x, axes], name: "sum_over_axes").Outputs[0], DataType.Float);
        var error = Assert.Throws<ConversionException>(() => Convert(b.ToModel(), 12));
        Assert.Contains("ReduceSum node 'sum_over_axes'", error.Message);
        Assert.Contains("from opset 13 to opset 12", error.Message);
        Assert.Contains("'axes'", error.Message);
    }

    [Fact]
    public void ConvertingAgainIsIdempotentAndARoundTripReturnsTheSameBytes()
    {
        var b = new GraphBuilder(opset: 9);
        var x = b.Input("x", DataType.Float, 1, 4);
        var clipped = b.Op("Clip", [x], IrAttribute.Float("min", -0.5f), IrAttribute.Float("max", 0.5f));
        b.Output(b.Op("Slice", [clipped], IrAttribute.Ints("starts", [1]), IrAttribute.Ints("ends", [3]), IrAttribute.Ints("axes", [1])), DataType.Float, 1, 2);
        var model = b.ToModel(irVersion: 8);
        var up = Convert(model, 17);
        Assert.Equal(OnnxFile.ToBytes(up), OnnxFile.ToBytes(Convert(up, 17)));
        Assert.Equal(OnnxFile.ToBytes(up), OnnxFile.ToBytes(Convert(Convert(up, 9), 17)));
        Numerics.AssertSameOutputs(model, up, 0, 0);
    }

    [Fact]
    public void CustomDomainNodesAreKeptWithANoteAndTheIrVersionRisesWithTheOpset()
    {
        var b = new GraphBuilder(opset: 11);
        var x = b.Input("x", DataType.Float, 2);
        b.Output(b.AddNode("MyOp", [b.Relu(x)], domain: "com.example").Outputs[0], DataType.Float, 2);
        var model = b.ToModel(irVersion: 6, new OpsetImport("com.example", 1));
        var result = OpsetConverter.Convert(model, new ConvertOptions { TargetOpset = 21 });
        Assert.Equal(10, result.IrVersion);
        Assert.Contains(result.Model.OpsetImports, i => i.Domain == "com.example" && i.Version == 1);
        Assert.Contains(result.Model.Graph.Nodes, n => n.Domain == "com.example" && n.OpType == "MyOp");
        Assert.Contains(result.Notes, n => n.Contains("com.example"));
        Assert.Equal(11, model.OpsetVersion(""));
    }

    [Fact]
    public void TargetsOutsideTheSupportedRangeAreRefused()
    {
        var b = new GraphBuilder(opset: 13);
        b.Output(b.Relu(b.Input("x", DataType.Float, 2)), DataType.Float, 2);
        var error = Assert.Throws<OnnxKitException>(() => Convert(b.ToModel(), 99));
        Assert.Contains("opsets 7 to 28", error.Message);
    }

    private static Model Convert(Model model, int opset) => OpsetConverter.Convert(model, new ConvertOptions { TargetOpset = opset }).Model;
}
