using OnnxKit.Ir;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Tests.Ir;

public sealed class GraphMutationTests
{
    [Fact]
    public void UsesFollowInputChanges()
    {
        var model = TestModels.Dense();
        var graph = model.Graph;
        var x = graph.Inputs[0];
        var matmul = graph.Nodes.First!;
        Assert.Equal([new Usage(matmul, 0)], x.Uses);

        var other = new Value("x2");
        matmul.ReplaceInput(0, other);
        Assert.Empty(x.Uses);
        Assert.Equal([new Usage(matmul, 0)], other.Uses);
    }

    [Fact]
    public void ReplaceAllUsesWithRewiresConsumersAndOptionallyOutputs()
    {
        var graph = TestModels.Dense().Graph;
        var relu = graph.Nodes.Last!;
        var z = relu.Inputs[0]!;
        var y = relu.Outputs[0];
        var identity = new Node("", "Identity", [z], ["z_copy"]);
        graph.Nodes.InsertBefore(relu, identity);

        z.ReplaceAllUsesWith(identity.Outputs[0]);
        // Identity itself read z, so it now reads its own output: that is what "all uses" means.
        Assert.Same(identity.Outputs[0], relu.Inputs[0]);

        y.ReplaceAllUsesWith(z, replaceGraphOutputs: true);
        Assert.Same(z, graph.Outputs[0]);
    }

    [Fact]
    public void NodesCanBeRemovedWhileIterating()
    {
        var graph = TestModels.Dense().Graph;
        var seen = new List<string>();
        foreach (var node in graph.Nodes)
        {
            seen.Add(node.OpType);
            if (node.OpType == "Add")
            {
                // Bypass Add: Relu reads MatMul's output directly, then Add goes.
                node.Outputs[0].ReplaceAllUsesWith(node.Inputs[0]!);
                graph.Nodes.Remove(node);
            }
        }
        Assert.Equal(["MatMul", "Add", "Relu"], seen);
        Assert.Equal(["MatMul", "Relu"], graph.Nodes.Select(n => n.OpType));
        Assert.Equal(2, graph.Nodes.Count);
        Assert.Empty(graph.Initializers["b"]!.Uses);
    }

    [Fact]
    public void RemovingANodeWhoseOutputIsStillUsedIsRefused()
    {
        var graph = TestModels.Dense().Graph;
        var add = graph.Nodes.Single(n => n.OpType == "Add");
        var error = Assert.Throws<InvalidOperationException>(() => graph.Nodes.Remove(add));
        Assert.Contains("'z'", error.Message);
    }

    [Fact]
    public void InsertKeepsOrderAndOwnership()
    {
        var graph = TestModels.Dense().Graph;
        var relu = graph.Nodes.Last!;
        var extra = new Node("", "Neg", [relu.Outputs[0]], ["neg"]);
        graph.Nodes.InsertAfter(relu, extra);
        Assert.Same(extra, graph.Nodes.Last);
        Assert.Same(graph, extra.Graph);
        Assert.Throws<InvalidOperationException>(() => new Graph().Nodes.Add(extra));
    }

    [Fact]
    public void PrinterShowsTheGraph()
    {
        string text = TestModels.Dense().ToString();
        Assert.Contains("%xw = MatMul(%x, %W)", text);
        Assert.Contains("%y = Relu(%z)", text);
        Assert.Contains("ai.onnx:13", text);
    }
}
