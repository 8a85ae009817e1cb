using OnnxKit.Ir;
using OnnxKit.Optimizer.Tests.TestSupport;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Tests.Rules.Cleanup;

public sealed class CleanupPassTests
{
    [Fact]
    public void DeadNodesInitializersAndFunctionsGoButInputsStay()
    {
        var g = new TestGraph();
        var x = g.Input("x", 2, 3);
        var unusedInput = g.Input("unused", 1);
        var w = g.Random("w", [2, 3]);
        g.Random("orphan", [5]);
        var dead = g.Node("Mul", [x, w]);
        g.Node("Sigmoid", [dead]);
        var y = g.Node("Relu", [x]);
        var model = g.Output(y, 2, 3).Build();
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
        var g = new TestGraph();
        var x = g.Input("x", 2);
        var cond = g.Input("c", DataType.Bool);
        var outer = g.Node("Neg", [x]);
        var branch = new Graph("branch");
        var inner = new Node("", "Abs", [outer], ["inner"]);
        branch.Nodes.Add(inner);
        inner.Outputs[0].Type = new TensorType(DataType.Float, Shape.Of(2));
        branch.Outputs.Add(inner.Outputs[0]);
        g.Node("If", [cond], IrAttribute.Graph("then_branch", branch), IrAttribute.Graph("else_branch", branch));
        var model = g.Output(g.Node("Relu", [x]), 2).Build();

        var optimized = Optimize.With(model, "eliminate-dead-code").Model;
        Assert.Equal(["Relu"], Optimize.Ops(optimized));
    }

    [Fact]
    public void UnknownDomainNodesAreKeptEvenWhenUnused()
    {
        var g = new TestGraph();
        var x = g.Input("x", 2);
        g.Graph.Nodes.Add(new Node("com.example", "Log", [x], ["logged"]));
        var model = g.Output(g.Node("Relu", [x]), 2).Build();
        Assert.Equal(["Log", "Relu"], Optimize.Ops(Optimize.With(model, "eliminate-dead-code").Model));
    }

    [Fact]
    public void IdenticalInitializersMergeAndDifferentOnesDoNot()
    {
        var g = new TestGraph();
        var x = g.Input("x", 2, 3);
        var a = g.Floats("a", [1, 2, 3], 3);
        var b = g.Floats("b", [1, 2, 3], 3);
        var c = g.Floats("c", [1, 2, 4], 3);
        var d = g.Floats("d", [1, 2, 3], 1, 3);
        var y = g.Node("Sum", [g.Node("Add", [x, a]), g.Node("Mul", [x, b]), g.Node("Sub", [x, c]), g.Node("Div", [x, d])]);
        var model = g.Output(y, 2, 3).Build();

        var optimized = Optimize.With(model, "deduplicate-initializers").Model;
        Assert.Equal(["a", "c", "d"], optimized.Graph.Initializers.Select(v => v.Name));
        Assert.Same(optimized.Graph.Initializers["a"], optimized.Graph.Nodes.ElementAt(1).Inputs[1]);
        Numerics.AssertSameOutputs(model, optimized);
    }

    [Fact]
    public void CommonSubexpressionsMergeButRandomOpsDoNot()
    {
        var g = new TestGraph();
        var x = g.Input("x", 2, 3);
        var r1 = g.Node("Relu", [x]);
        var r2 = g.Node("Relu", [x]);
        var t1 = g.Node("Transpose", [x], IrAttribute.Ints("perm", [1, 0]));
        var t2 = g.Node("Transpose", [x], IrAttribute.Ints("perm", [1, 0]));
        var s1 = g.Node("Softmax", [x], IrAttribute.Int("axis", 0));
        var s2 = g.Node("Softmax", [x], IrAttribute.Int("axis", 1));
        var n1 = g.Node("RandomNormalLike", [x]);
        var n2 = g.Node("RandomNormalLike", [x]);
        var sum = g.Node("Sum", [r1, r2, s1, s2, g.Node("Mul", [n1, n2])]);
        var model = g.Output(sum, 2, 3).Output(g.Node("Add", [t1, t2]), 3, 2).Build();

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
        var g = new TestGraph();
        var x = g.Input("x", 2);
        var a = g.Node("Exp", [x]);
        var b = g.Node("Exp", [x]);
        var model = g.Output(g.Node("Neg", [a]), 2).Output(b, 2).Build();
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
        var g = new TestGraph(17);
        var x = g.Input("x", DataType.Float, "N", 6);
        var x2 = g.Node("Relu", [x]);
        var noop = op switch
        {
            "Pad" => g.Node("Pad", [x2, g.Ints("pads", 0, 0, 0, 0)], IrAttribute.String("mode", "reflect")),
            "Transpose" => g.Node("Transpose", [x2], IrAttribute.Ints("perm", [0, 1])),
            "Reshape" => g.Node("Reshape", [x2, g.Ints("shape", 0, -1)]),
            "Cast" => g.Node("Cast", [x2], IrAttribute.Int("to", (long)DataType.Float)),
            "Mul" => g.Node("Mul", [g.Floats("one", [1, 1, 1, 1, 1, 1], 6), x2]),
            "Add" => g.Node("Add", [x2, g.Floats("zero", [0], 1, 1)]),
            "Sub" => g.Node("Sub", [x2, g.Floats("zero", [0], [])]),
            "Div" => g.Node("Div", [x2, g.Floats("one", [1], [])]),
            "Expand" => g.Node("Expand", [x2, g.Ints("shape", 1, 6)]),
            "Flatten" => g.Node("Flatten", [x2], IrAttribute.Int("axis", 1)),
            "Concat" => g.Node("Concat", [x2], IrAttribute.Int("axis", 1)),
            _ => g.Node(op, [x2]),
        };
        var model = g.Output(g.Node("Neg", [noop])).Build();
        x2.Type = new TensorType(DataType.Float, new Shape("N", 6));

        var optimized = Optimize.With(model, "remove-no-ops").Model;
        Assert.Equal(["Relu", "Neg"], Optimize.Ops(optimized));
        Numerics.AssertSameOutputs(model, optimized, rtol: 0, atol: 0);
    }

    [Fact]
    public void OperationsThatOnlyLookLikeNoOpsStay()
    {
        var g = new TestGraph(17);
        var x = g.Input("x", DataType.Float, "N", 6);
        var steps = new[]
        {
            g.Node("Add", [x, g.Floats("zeros", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 2, 1, 6)]), // broadcasts to a larger shape
            g.Node("Mul", [x, g.Floats("almost", [1.0000001f], [])]),
            g.Node("Transpose", [x], IrAttribute.Ints("perm", [1, 0])),
            g.Node("Reshape", [x, g.Ints("shape", -1, 3)]),
            g.Node("Sub", [g.Floats("zero", [0], []), x]),
            g.Node("Dropout", [x, g.Floats("ratio", [0.5f], []), g.Graph.AddInitializer("train", DenseTensor.FromArray(DataType.Bool, new byte[] { 1 }, []))]),
        };
        var model = g.Build();
        foreach (var s in steps) g.Output(s);
        var before = Optimize.Ops(model);
        Assert.Equal(before, Optimize.Ops(Optimize.With(model, "remove-no-ops").Model));
    }

    [Fact]
    public void AnIdentityBetweenAGraphInputAndOutputStays()
    {
        var g = new TestGraph();
        var x = g.Input("x", 2);
        var model = g.Output(g.Node("Identity", [x]), 2).Build();
        var optimized = Optimize.With(model, "remove-no-ops").Model;
        Assert.Equal(["Identity"], Optimize.Ops(optimized));
        Assert.False(Optimize.With(model, "remove-no-ops").Runs[0].Modified);
    }

    [Fact]
    public void RemovingANoOpBeforeAGraphOutputKeepsTheOutputName()
    {
        var g = new TestGraph();
        var x = g.Input("x", 2);
        var y = g.Node("Identity", [g.Node("Relu", [x])]);
        var model = g.Output(y, 2).Build();
        string name = y.Name;
        var optimized = Optimize.With(model, "remove-no-ops").Model;
        Assert.Equal(["Relu"], Optimize.Ops(optimized));
        Assert.Equal(name, optimized.Graph.Outputs[0].Name);
        Assert.Equal(name, optimized.Graph.Nodes.First!.Outputs[0].Name);
    }
}
