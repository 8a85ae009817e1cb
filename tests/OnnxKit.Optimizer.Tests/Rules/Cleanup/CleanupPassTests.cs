using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using OnnxKit.Optimizer.Tests.TestSupport;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Tests.Rules.Cleanup;

public sealed class CleanupPassTests
{
    [Fact]
    public void DeadNodesInitializersAndFunctionsGoButInputsStay()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 2, 3);
        var unusedInput = g.Input("unused", 1);
        var w = g.Random("w", [2, 3]);
        g.Random("orphan", [5]);
        var dead = g.Op("Mul", [x, w]);
        g.Op("Sigmoid", [dead]);
        var y = g.Op("Relu", [x]);
        var model = g.Output(y, DataType.Float, 2, 3).ToModel();
        var helper = new Function("local", "Helper", new Graph(), [new OpsetImport("", 17)]);
        model.Functions.Add(helper);

        var outcome = Optimize.With(model, "eliminate-dead-code");

        Assert.Equal(["Relu"], Optimize.Ops(outcome.Model));
        Assert.Empty(outcome.Model.Graph.Initializers);
        Assert.Empty(outcome.Model.Functions);
        Assert.Equal(["x", "unused"], outcome.Model.Graph.Inputs.Select(v => v.Name));
        Numerics.AssertSameOutputs(model, outcome.Model);
    }

    [Fact]
    public void AValueReadOnlyInsideADeadIfBranchIsReleasedWithIt()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 2);
        var cond = g.Input("c", DataType.Bool);
        var outer = g.Op("Neg", [x]);
        var branch = new Graph("branch");
        var inner = new Node("", "Abs", [outer], ["inner"]);
        branch.Nodes.Add(inner);
        inner.Outputs[0].Type = new TensorType(DataType.Float, Shape.Of(2));
        branch.Outputs.Add(inner.Outputs[0]);
        g.Op("If", [cond], IrAttribute.Graph("then_branch", branch), IrAttribute.Graph("else_branch", branch));
        var model = g.Output(g.Op("Relu", [x]), DataType.Float, 2).ToModel();

        var optimized = Optimize.With(model, "eliminate-dead-code").Model;
        Assert.Equal(["Relu"], Optimize.Ops(optimized));
    }

    [Fact]
    public void UnknownDomainNodesAreKeptEvenWhenUnused()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 2);
        g.Graph.Nodes.Add(new Node("com.example", "Log", [x], ["logged"]));
        var model = g.Output(g.Op("Relu", [x]), DataType.Float, 2).ToModel();
        Assert.Equal(["Log", "Relu"], Optimize.Ops(Optimize.With(model, "eliminate-dead-code").Model));
    }

    [Fact]
    public void IdenticalInitializersMergeAndDifferentOnesDoNot()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 2, 3);
        var a = g.Floats("a", [1, 2, 3], 3);
        var b = g.Floats("b", [1, 2, 3], 3);
        var c = g.Floats("c", [1, 2, 4], 3);
        var d = g.Floats("d", [1, 2, 3], 1, 3);
        var y = g.Op("Sum", [g.Op("Add", [x, a]), g.Op("Mul", [x, b]), g.Op("Sub", [x, c]), g.Op("Div", [x, d])]);
        var model = g.Output(y, DataType.Float, 2, 3).ToModel();

        var optimized = Optimize.With(model, "deduplicate-initializers").Model;
        Assert.Equal(["a", "c", "d"], optimized.Graph.Initializers.Select(v => v.Name));
        Assert.Same(optimized.Graph.Initializers["a"], optimized.Graph.Nodes.ElementAt(1).Inputs[1]);
        Numerics.AssertSameOutputs(model, optimized);
    }

    [Fact]
    public void CommonSubexpressionsMergeButRandomOpsDoNot()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 2, 3);
        var r1 = g.Op("Relu", [x]);
        var r2 = g.Op("Relu", [x]);
        var t1 = g.Op("Transpose", [x], IrAttribute.Ints("perm", [1, 0]));
        var t2 = g.Op("Transpose", [x], IrAttribute.Ints("perm", [1, 0]));
        var s1 = g.Op("Softmax", [x], IrAttribute.Int("axis", 0));
        var s2 = g.Op("Softmax", [x], IrAttribute.Int("axis", 1));
        var n1 = g.Op("RandomNormalLike", [x]);
        var n2 = g.Op("RandomNormalLike", [x]);
        var sum = g.Op("Sum", [r1, r2, s1, s2, g.Op("Mul", [n1, n2])]);
        var model = g.Output(sum, DataType.Float, 2, 3).Output(g.Op("Add", [t1, t2]), DataType.Float, 3, 2).ToModel();

        var optimized = Optimize.With(model, "eliminate-common-subexpressions").Model;
        var ops = Optimize.Ops(optimized);
        Assert.Single(ops, "Relu");
        Assert.Single(ops, "Transpose");
        Assert.Equal(2, ops.Count(o => o == "Softmax"));
        Assert.Equal(2, ops.Count(o => o == "RandomNormalLike"));
    }

    [Fact]
    public void MergingKeepsTheNamesOfGraphOutputs()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 2);
        var a = g.Op("Exp", [x]);
        var b = g.Op("Exp", [x]);
        var model = g.Output(g.Op("Neg", [a]), DataType.Float, 2).Output(b, DataType.Float, 2).ToModel();
        string bName = b.Name;

        var optimized = Optimize.With(model, "eliminate-common-subexpressions").Model;
        Assert.Equal(["Exp", "Neg"], Optimize.Ops(optimized));
        Assert.Equal(bName, optimized.Graph.Outputs[1].Name);
        Assert.Same(optimized.Graph.Nodes.First!.Outputs[0], optimized.Graph.Outputs[1]);
        Numerics.AssertSameOutputs(model, optimized, rtol: 0, atol: 0);
    }

    public static TheoryData<string> NoOps => new()
    {
        "Identity", "Dropout", "Pad", "Transpose", "Reshape", "Cast", "Mul", "Add", "Sub", "Div", "Concat", "Expand", "Flatten",
    };

    [Theory]
    [MemberData(nameof(NoOps))]
    public void NoOpsAreRemovedAndOutputsStayBitIdentical(string op)
    {
        var g = new GraphBuilder(17);
        var x = g.Input("x", DataType.Float, "N", 6);
        var x2 = g.Op("Relu", [x]);
        var noop = op switch
        {
            "Pad" => g.Op("Pad", [x2, g.Ints("pads", 0, 0, 0, 0)], IrAttribute.String("mode", "reflect")),
            "Transpose" => g.Op("Transpose", [x2], IrAttribute.Ints("perm", [0, 1])),
            "Reshape" => g.Op("Reshape", [x2, g.Ints("shape", 0, -1)]),
            "Cast" => g.Op("Cast", [x2], IrAttribute.Int("to", (long)DataType.Float)),
            "Mul" => g.Op("Mul", [g.Floats("one", [1, 1, 1, 1, 1, 1], 6), x2]),
            "Add" => g.Op("Add", [x2, g.Floats("zero", [0], 1, 1)]),
            "Sub" => g.Op("Sub", [x2, g.Floats("zero", [0], [])]),
            "Div" => g.Op("Div", [x2, g.Floats("one", [1], [])]),
            "Expand" => g.Op("Expand", [x2, g.Ints("shape", 1, 6)]),
            "Flatten" => g.Op("Flatten", [x2], IrAttribute.Int("axis", 1)),
            "Concat" => g.Op("Concat", [x2], IrAttribute.Int("axis", 1)),
            _ => g.Op(op, [x2]),
        };
        var model = g.Output(g.Op("Neg", [noop]), new TensorType(DataType.Float)).ToModel();
        x2.Type = new TensorType(DataType.Float, new Shape("N", 6));

        var optimized = Optimize.With(model, "remove-no-ops").Model;
        Assert.Equal(["Relu", "Neg"], Optimize.Ops(optimized));
        Numerics.AssertSameOutputs(model, optimized, rtol: 0, atol: 0);
    }

    [Fact]
    public void OperationsThatOnlyLookLikeNoOpsStay()
    {
        var g = new GraphBuilder(17);
        var x = g.Input("x", DataType.Float, "N", 6);
        var steps = new[]
        {
            g.Op("Add", [x, g.Floats("zeros", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 2, 1, 6)]), // broadcasts to a larger shape
            g.Op("Mul", [x, g.Floats("almost", [1.0000001f], [])]),
            g.Op("Transpose", [x], IrAttribute.Ints("perm", [1, 0])),
            g.Op("Reshape", [x, g.Ints("shape", -1, 3)]),
            g.Op("Sub", [g.Floats("zero", [0], []), x]),
            g.Op("Dropout", [x, g.Floats("ratio", [0.5f], []), g.Graph.AddInitializer("train", DenseTensor.FromArray(DataType.Bool, new byte[] { 1 }, []))]),
        };
        var model = g.ToModel();
        foreach (var s in steps) g.Output(s, new TensorType(DataType.Float));
        var before = Optimize.Ops(model);
        Assert.Equal(before, Optimize.Ops(Optimize.With(model, "remove-no-ops").Model));
    }

    [Fact]
    public void AnIdentityBetweenAGraphInputAndOutputStays()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 2);
        var model = g.Output(g.Op("Identity", [x]), DataType.Float, 2).ToModel();
        var optimized = Optimize.With(model, "remove-no-ops").Model;
        Assert.Equal(["Identity"], Optimize.Ops(optimized));
        Assert.False(Optimize.With(model, "remove-no-ops").Runs[0].Modified);
    }

    [Fact]
    public void RemovingANoOpBeforeAGraphOutputKeepsTheOutputName()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 2);
        var y = g.Op("Identity", [g.Op("Relu", [x])]);
        var model = g.Output(y, DataType.Float, 2).ToModel();
        string name = y.Name;
        var optimized = Optimize.With(model, "remove-no-ops").Model;
        Assert.Equal(["Relu"], Optimize.Ops(optimized));
        Assert.Equal(name, optimized.Graph.Outputs[0].Name);
        Assert.Equal(name, optimized.Graph.Nodes.First!.Outputs[0].Name);
    }
}
