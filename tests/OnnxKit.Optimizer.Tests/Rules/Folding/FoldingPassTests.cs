using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using OnnxKit.Optimizer.Tests.TestSupport;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Tests.Rules.Folding;

public sealed class FoldingPassTests
{
    [Fact]
    public void ChainsOfConstantComputationFoldInOneSweep()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 3, 2);
        var w = g.Random("w", [2, 3]);
        var wt = g.Op("Transpose", [w], IrAttribute.Ints("perm", [1, 0]));
        var scaled = g.Op("Mul", [wt, g.Op("Constant", [], IrAttribute.Float("value_float", 2f))]);
        var model = g.Output(g.Op("Add", [x, scaled]), DataType.Float, 3, 2).ToModel();

        var outcome = Optimize.With(model, "fold-constants", "eliminate-dead-code");
        Assert.Equal(["Add"], Optimize.Ops(outcome.Model));
        var folded = Assert.Single(outcome.Model.Graph.Initializers);
        Assert.Equal([3L, 2L], folded.ConstValue!.Dims);
        Assert.True(outcome.Runs[0].Modified);
        Numerics.AssertSameOutputs(model, outcome.Model, rtol: 0, atol: 0);
    }

    [Fact]
    public void RandomGeneratorsAndOverridableInitializersAreNotFolded()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 2);
        var noise = g.Op("RandomUniform", [], IrAttribute.Ints("shape", [2]));
        var overridable = g.Floats("bias", [1, 2], 2);
        g.Graph.Inputs.Add(overridable);
        var y = g.Op("Add", [g.Op("Add", [x, g.Op("Neg", [noise])]), g.Op("Exp", [overridable])]);
        var model = g.Output(y, DataType.Float, 2).ToModel();

        var optimized = Optimize.With(model, "fold-constants").Model;
        Assert.Equal(["RandomUniform", "Neg", "Add", "Exp", "Add"], Optimize.Ops(optimized));
    }

    [Fact]
    public void FoldingNeverGrowsTheModelBeyondTheAllowance()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 64, 64);
        var big = g.Op("ConstantOfShape", [g.Ints("shape", 64, 64)], IrAttribute.Tensor("value", DenseTensor.FromFloats([1f], [1])));
        var shared = g.Random("shared", [64, 64]);
        var transposed = g.Op("Transpose", [shared]);
        var model = g.Output(g.Op("Add", [g.Op("Mul", [x, big]), g.Op("Add", [transposed, shared])]), DataType.Float, 64, 64).ToModel();

        var optimized = Optimize.With(model, "fold-constants").Model;
        Assert.Contains("ConstantOfShape", Optimize.Ops(optimized)); // 16 KiB from an 16-byte shape
        Assert.Contains("Transpose", Optimize.Ops(optimized));       // its input is still read by Add, so folding would copy 16 KiB
    }

    [Fact]
    public void ConstantsInFunctionBodiesStayConstantNodes()
    {
        var body = new Graph("body");
        var a = new Value("a", new TensorType(DataType.Float, Shape.Of(2)));
        body.Inputs.Add(a);
        var two = new Node("", "Constant", [], ["two"], [IrAttribute.Tensor("value", DenseTensor.FromFloats([2f, 2f], [2]))]);
        var four = new Node("", "Add", [two.Outputs[0], two.Outputs[0]], ["four"]);
        var scaled = new Node("", "Mul", [a, four.Outputs[0]], ["scaled"]);
        body.Nodes.AddRange([two, four, scaled]);
        body.Outputs.Add(scaled.Outputs[0]);
        var function = new Function("local", "Scale4", body, [new OpsetImport("", 17)]);

        var g = new GraphBuilder();
        var x = g.Input("x", 2);
        var call = new Node("local", "Scale4", [x], ["y"]);
        g.Graph.Nodes.Add(call);
        var model = g.Output(call.Outputs[0], DataType.Float, 2).ToModel();
        model.OpsetImports.Add(new OpsetImport("local", 1));
        model.Functions.Add(function);

        var optimized = Optimize.With(model, "fold-constants", "eliminate-dead-code").Model;
        Assert.Equal(["Constant", "Mul"], optimized.Functions[0].Body.Nodes.Select(n => n.OpType));
        Assert.Empty(optimized.Functions[0].Body.Initializers);
        Assert.Equal([4f, 4f], ((ITensor)optimized.Functions[0].Body.Nodes.First!.Attributes["value"]!.Value!).ToArray<float>());
        Numerics.AssertSameOutputs(model, optimized, rtol: 0, atol: 0);
    }

    [Fact]
    public void KnownDimsOfASymbolicShapeFoldAndTheReshapeTargetBecomesConstant()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", DataType.Float, "N", 3, 4);
        var shape = g.Op("Shape", [x]);
        var inner = g.Op("Gather", [shape, g.Ints("idx", 1, 2)], IrAttribute.Int("axis", 0));
        var product = g.Op("ReduceProd", [inner], IrAttribute.Int("keepdims", 1));
        var target = g.Op("Concat", [g.Ints("minus_one", -1), product], IrAttribute.Int("axis", 0));
        var model = g.Output(g.Op("Reshape", [x, target]), new TensorType(DataType.Float)).ToModel();

        var optimized = Optimize.With(model, "fold-shapes", "fold-constants", "eliminate-dead-code").Model;
        Assert.Equal(["Reshape"], Optimize.Ops(optimized));
        Assert.Equal([-1L, 12L], optimized.Graph.Nodes.First!.Inputs[1]!.ConstValue!.ToInt64Array());
        Numerics.AssertSameOutputs(model, optimized, rtol: 0, atol: 0);
    }

    [Fact]
    public void ShapeOfAnUnknownDimIsNotFolded()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", DataType.Float, "N", 3);
        var batch = g.Op("Gather", [g.Op("Shape", [x]), g.Ints("zero", [0], [])], IrAttribute.Int("axis", 0));
        var model = g.Output(batch, new TensorType(DataType.Float)).ToModel();
        batch.Type = new TensorType(DataType.Int64, Shape.Scalar);
        Assert.Equal(["Shape", "Gather"], Optimize.Ops(Optimize.With(model, "fold-shapes", "fold-constants").Model));
    }
}
