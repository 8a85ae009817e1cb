using OnnxKit.Ir;
using OnnxKit.Viewer.Diff;
using OnnxKit.Viewer.Tests.TestSupport;

namespace OnnxKit.Viewer.Tests;

public sealed class ModelDifferTests
{
    [Fact]
    public void Folding_batch_norms_shows_them_removed_and_the_convolutions_changed()
    {
        var before = SyntheticModels.ResNetLike(2);
        var after = SyntheticModels.ResNetLike(2, foldBatchNorm: true);

        var diff = ModelDiffer.Compare(before, after);

        var removed = diff.Changes.Where(c => c.Status == NodeDiffStatus.Removed).Select(c => c.Before!.Name).Order(StringComparer.Ordinal);
        Assert.Equal(before.Graph.Nodes.Where(n => n.OpType == "BatchNormalization").Select(n => n.Name).Order(StringComparer.Ordinal), removed);
        Assert.Equal(0, diff.Count(NodeDiffStatus.Added));
        var conv = diff.Changes.Single(c => c.After?.Name == "block0_a_conv");
        Assert.Equal(NodeDiffStatus.Changed, conv.Status);
        Assert.Contains("inputs: 2 → 3", conv.Details);
        Assert.Contains("input 1: weight block0_a.weight: values changed", conv.Details);
        // Relu now reads the Conv directly: the same value name cannot hide the new producer.
        Assert.Contains(diff.Changes.Single(c => c.After?.Name == "block0_a_relu").Details, d => d.Contains("different producer", StringComparison.Ordinal));
    }

    [Fact]
    public void A_model_compared_with_itself_is_unchanged_throughout()
    {
        var model = SyntheticModels.WithControlFlow();

        var diff = ModelDiffer.Compare(model, SyntheticModels.WithControlFlow());

        Assert.Equal(model.Graph.Nodes.Count, diff.Changes.Count);
        Assert.All(diff.Changes, c => Assert.Equal(NodeDiffStatus.Unchanged, c.Status));
    }

    [Fact]
    public void Unnamed_nodes_pair_by_output_name_and_report_attribute_and_type_changes()
    {
        Model Build(long axis, DataType type)
        {
            var graph = new Graph("g");
            var x = new Value("x", SyntheticModels.Tensor(type, 2, 3));
            graph.Inputs.Add(x);
            var y = new Value("y", SyntheticModels.Tensor(type, 2, 3));
            graph.Nodes.Add(new Node("", "Softmax", [x], [y], [Ir.Attribute.Int("axis", axis)]));
            graph.Outputs.Add(y);
            return new Model(graph, 8, [new OpsetImport("", 17)]);
        }

        var diff = ModelDiffer.Compare(Build(1, DataType.Float), Build(-1, DataType.Float16));

        var change = Assert.Single(diff.Changes);
        Assert.Equal(NodeDiffStatus.Changed, change.Status);
        Assert.Equal(["attribute axis=1 → -1", "output 0 (y): float[2,3] → float16[2,3]"], change.Details);
    }

    [Fact]
    public void A_node_whose_operator_changed_is_removed_and_added()
    {
        Model Build(string op)
        {
            var graph = new Graph("g");
            var x = new Value("x", SyntheticModels.Tensor(DataType.Float, 4));
            graph.Inputs.Add(x);
            graph.Outputs.Add(SyntheticModels.Add(graph, op, "act", [x], SyntheticModels.Tensor(DataType.Float, 4)));
            return new Model(graph, 8, [new OpsetImport("", 17)]);
        }

        var diff = ModelDiffer.Compare(Build("Relu"), Build("Sigmoid"));

        Assert.Equal((1, 1), (diff.Count(NodeDiffStatus.Removed), diff.Count(NodeDiffStatus.Added)));
    }
}
