using OnnxKit.Ir;
using OnnxKit.Ir.Building;

namespace OnnxKit.Tests.Ir;

/// <summary>
/// The invariants the graph containers keep: a value knows its graph and its roles, renaming
/// re-keys initializers, replacing a graph output must be asked for, and use lists stay ordered
/// as inputs come and go.
/// </summary>
public sealed class GraphInvariantTests
{
    [Fact]
    public void AValueKnowsItsGraphAndItsRoles()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 2);
        var w = g.Floats("w", [1, 2], 2);
        var y = g.Add(x, w);
        g.Output(y);

        Assert.Same(g.Graph, x.Graph);
        Assert.Same(g.Graph, w.Graph);
        Assert.Same(g.Graph, y.Graph);
        Assert.True(x.IsGraphInput);
        Assert.False(x.IsInitializer || x.IsGraphOutput);
        Assert.True(w.IsInitializer);
        Assert.False(w.IsGraphInput || w.IsGraphOutput);
        Assert.True(y.IsGraphOutput);
        Assert.True(y.IsOutputOf(g.Graph));
        Assert.True(g.Graph.Outputs.Contains(y));
        Assert.False(g.Graph.Outputs.Contains(x));
        Assert.Null(new Value("free").Graph);
    }

    [Fact]
    public void RolesFollowEveryKindOfEdit()
    {
        var g = new GraphBuilder();
        var a = g.Input("a", 2);
        var b = g.Input("b", 2);
        var sum = g.Add(a, b);
        var product = g.Mul(a, b);
        g.Output(sum);

        g.Graph.Outputs[0] = product;
        Assert.False(sum.IsGraphOutput);
        Assert.True(product.IsGraphOutput);

        g.Graph.Outputs.Insert(0, sum);
        Assert.Equal([sum, product], g.Graph.Outputs);
        g.Graph.Outputs.RemoveAt(1);
        Assert.False(product.IsGraphOutput);

        Assert.True(g.Graph.Inputs.Remove(b));
        Assert.False(b.IsGraphInput);
        Assert.Null(b.Graph);
        g.Graph.Inputs.Clear();
        Assert.False(a.IsGraphInput);
        Assert.Empty(g.Graph.Inputs);
    }

    [Fact]
    public void AValueListedTwiceAsAnOutputStaysAnOutputUntilBothListingsGo()
    {
        var g = new GraphBuilder();
        var y = g.Relu(g.Input("x", 2));
        g.Output(y).Output(y);
        g.Graph.Outputs.RemoveAt(0);
        Assert.True(y.IsGraphOutput);
        g.Graph.Outputs.RemoveAt(0);
        Assert.False(y.IsGraphOutput);
    }

    [Fact]
    public void ASubgraphMayReturnAnOuterValueAndTheValueKnows()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 2);
        var branch = g.Subgraph("then");
        branch.Output(x);
        Assert.Same(g.Graph, x.Graph);
        Assert.True(x.IsGraphOutput);
        Assert.True(x.IsOutputOf(branch.Graph));
        Assert.False(x.IsOutputOf(g.Graph));
    }

    [Fact]
    public void ContainersRefuseValuesThatWouldBeDefinedTwice()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 2);
        var y = g.Relu(x);
        var other = new Graph("other");

        Assert.Throws<InvalidOperationException>(() => g.Graph.Inputs.Add(x));
        Assert.Throws<InvalidOperationException>(() => other.Inputs.Add(x));
        Assert.Throws<InvalidOperationException>(() => g.Graph.Inputs.Add(y));
        var initializer = new Value("w") { ConstValue = DenseTensor.FromFloats([1], [1]) };
        other.Initializers.Add(initializer);
        Assert.Throws<InvalidOperationException>(() => g.Graph.Initializers.Add(initializer));
        Assert.Throws<ArgumentException>(() => new Node("", "Relu", [y], [x]));

        // A refused edit changes nothing.
        Assert.Equal([x], g.Graph.Inputs);
        Assert.Same(g.Graph, x.Graph);
        Assert.Same(other, initializer.Graph);
    }

    [Fact]
    public void AnInitializerMayAlsoBeAnInputOfTheSameGraph()
    {
        var graph = new Graph("legacy");
        var w = graph.AddInitializer("w", DenseTensor.FromFloats([1], [1]));
        graph.Inputs.Add(w);
        Assert.True(w.IsInitializer && w.IsGraphInput);
        Assert.Same(graph, w.Graph);
    }

    [Fact]
    public void RenamingAnInitializerReKeysTheGraphsInitializers()
    {
        var graph = new Graph("g");
        var w = graph.AddInitializer("w", DenseTensor.FromFloats([1], [1]));
        w.Name = "weights";
        Assert.Same(w, graph.Initializers["weights"]);
        Assert.Null(graph.Initializers["w"]);
        Assert.True(graph.Initializers.Contains("weights"));
        Assert.False(graph.Initializers.Contains("w"));
    }

    [Fact]
    public void DuplicateInitializerNamesFindTheFirstInOrderAndTheNextTakesOver()
    {
        var graph = new Graph("g");
        var first = graph.AddInitializer("w", DenseTensor.FromFloats([1], [1]));
        var second = graph.AddInitializer("w", DenseTensor.FromFloats([2], [1]));
        Assert.Same(first, graph.Initializers["w"]);

        var early = new Value("w") { ConstValue = DenseTensor.FromFloats([0], [1]) };
        graph.Initializers.Insert(0, early);
        Assert.Same(early, graph.Initializers["w"]);

        graph.Initializers.Remove(early);
        Assert.Same(first, graph.Initializers["w"]);
        first.Name = "renamed";
        Assert.Same(second, graph.Initializers["w"]);
        Assert.Same(first, graph.Initializers["renamed"]);
        second.Name = "renamed";
        Assert.Same(first, graph.Initializers["renamed"]);
        Assert.Null(graph.Initializers["w"]);
    }

    [Fact]
    public void AnInitializerStillInUseCannotBeRemoved()
    {
        var g = new GraphBuilder();
        var w = g.Floats("w", [1], 1);
        g.Output(g.Neg(w));
        Assert.Throws<InvalidOperationException>(() => g.Graph.Initializers.Remove(w));
        Assert.Throws<InvalidOperationException>(() => g.Graph.Initializers.Clear());
        Assert.True(w.IsInitializer);
    }

    [Fact]
    public void ReplaceAllUsesWithRefusesAGraphOutputUnlessAsked()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 2);
        var y = g.Relu(x);
        var z = g.Neg(y);
        g.Output(y).Output(z);
        var replacement = g.Identity(x);

        var error = Assert.Throws<InvalidOperationException>(() => y.ReplaceAllUsesWith(replacement));
        Assert.Contains("'relu'", error.Message);
        Assert.Same(y, z.Producer!.Inputs[0]);
        Assert.Same(y, g.Graph.Outputs[0]);

        y.ReplaceAllUsesWith(replacement, replaceGraphOutputs: true);
        Assert.Same(replacement, z.Producer!.Inputs[0]);
        Assert.Same(replacement, g.Graph.Outputs[0]);
        Assert.False(y.IsGraphOutput);
        Assert.Empty(y.Uses);
    }

    [Fact]
    public void ReplaceAllUsesWithRePointsSubgraphOutputsToo()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 2);
        var y = g.Relu(x);
        var branch = g.Subgraph("then");
        branch.Output(y);
        y.ReplaceAllUsesWith(x, replaceGraphOutputs: true);
        Assert.Same(x, branch.Graph.Outputs[0]);
        Assert.True(x.IsOutputOf(branch.Graph));
    }

    [Fact]
    public void UsesKeepTheirOrderAsInputsAreDisconnected()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 2);
        var consumers = Enumerable.Range(0, 5).Select(_ => g.AddNode("Neg", [x])).ToList();
        consumers[2].ReplaceInput(0, null);
        consumers[0].ClearInputs();
        Assert.Equal([consumers[1], consumers[3], consumers[4]], x.Uses.Select(u => u.Node));
        Assert.Equal(new Usage(consumers[3], 0), x.Uses[1]);
        consumers[2].ReplaceInput(0, x);
        Assert.Equal([consumers[1], consumers[3], consumers[4], consumers[2]], x.Uses.Select(u => u.Node));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Uses[4]);
    }

    [Fact]
    public void ANodeReadingAValueTwiceHasTwoUses()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 2);
        var square = g.AddNode("Mul", [x, x]);
        Assert.Equal([new Usage(square, 0), new Usage(square, 1)], x.Uses);
        square.TruncateInputs(1);
        Assert.Equal([new Usage(square, 0)], x.Uses);
    }

    [Fact]
    public void RewiringUsesWhileEnumeratingThemIsCaught()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 2);
        g.Neg(x);
        g.Neg(x);
        var other = g.Input("other", 2);
        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var use in x.Uses) use.Node.ReplaceInput(use.InputIndex, other);
        });
    }
}
