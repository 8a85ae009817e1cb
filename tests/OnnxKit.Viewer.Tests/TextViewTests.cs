using OnnxKit.Ir;
using OnnxKit.Tests.TestSupport;
using OnnxKit.Viewer.Tests.TestSupport;
using OnnxKit.Viewer.Text;

namespace OnnxKit.Viewer.Tests;

public sealed class TextViewTests
{
    /// <summary>
    /// Keras's MNIST MLP (784 → Dense 64 → Dense 64 → Dense 10) as ONNX Gemm/Relu/Softmax nodes. The
    /// parameter counts are those Keras prints for it: 50,240 + 4,160 + 650 = 55,050 (SEEDS.md, table T1).
    /// </summary>
    private static Model MnistMlp()
    {
        var graph = new Graph("model");
        var x = new Value("input_1", SyntheticModels.Tensor(DataType.Float, "N", 784));
        graph.Inputs.Add(x);
        Value current = x;
        int inputs = 784;
        foreach (var (name, units, activation) in new[] { ("dense", 64, "Relu"), ("dense_1", 64, "Relu"), ("dense_2", 10, "Softmax") })
        {
            var w = graph.AddInitializer(name + ".kernel", DenseTensor.FromFloats(new float[inputs * units], [inputs, units]));
            var b = graph.AddInitializer(name + ".bias", DenseTensor.FromFloats(new float[units], [units]));
            var dense = SyntheticModels.Add(graph, "Gemm", name, [current, w, b], SyntheticModels.Tensor(DataType.Float, "N", units));
            current = SyntheticModels.Add(graph, activation, name + "_act", [dense], SyntheticModels.Tensor(DataType.Float, "N", units));
            inputs = units;
        }

        graph.Outputs.Add(current);
        return new Model(graph, 8, [new OpsetImport("", 17)]);
    }

    [Fact]
    public void The_summary_counts_parameters_as_keras_does()
    {
        var summary = ModelSummarizer.Summarize(MnistMlp());

        Assert.Equal(55_050, summary.TotalParameters);
        Assert.Equal(55_050 * 4, summary.ParameterBytes);
        Assert.Equal(0, summary.UnusedParameters);
        Assert.Equal(
            [("input_1", "Input", "(N, 784)", 0L), ("dense", "Gemm", "(N, 64)", 50_240L), ("dense_act", "Relu", "(N, 64)", 0L),
             ("dense_1", "Gemm", "(N, 64)", 4_160L), ("dense_1_act", "Relu", "(N, 64)", 0L), ("dense_2", "Gemm", "(N, 10)", 650L),
             ("dense_2_act", "Softmax", "(N, 10)", 0L)],
            summary.Rows.Select(r => (r.Name, r.Type, string.Join(", ", r.OutputShapes), r.Parameters)));
    }

    [Fact]
    public void The_summary_counts_weights_held_in_constant_nodes_on_their_first_reader()
    {
        var summary = ModelSummarizer.Summarize(TestModels.DenseWithConstantWeights());

        Assert.Equal(4 * 3 + 3, summary.TotalParameters);
        Assert.Equal(summary.TotalParameters, summary.ConstantNodeParameters);
        Assert.Equal(0, summary.UnusedParameters);
        Assert.Equal(12, summary.Rows.Single(r => r.Type == "MatMul").Parameters);
        Assert.Equal(3, summary.Rows.Single(r => r.Type == "Add").Parameters);
        Assert.All(summary.Rows.Where(r => r.Type == "Constant"), r => Assert.Equal(0, r.Parameters));
        Assert.Contains("Total params: 15 (60 B; all in Constant nodes)", summary.ToMarkdown());
    }

    [Fact]
    public void The_summary_counts_a_shared_weight_once_and_subgraph_weights_on_their_node()
    {
        var model = SyntheticModels.WithControlFlow();

        var summary = ModelSummarizer.Summarize(model);

        // "scale" (4 elements) is read by both If branches: counted once, on the If.
        Assert.Equal(4, summary.TotalParameters);
        Assert.Equal(4, summary.Rows.Single(r => r.Name == "choose").Parameters);
        Assert.Contains("| choose (If) | (4) | 4 |", summary.ToMarkdown());
        Assert.Contains("Total params: 4 (16 B)", summary.ToMarkdown());
    }

    [Fact]
    public void The_tree_nests_subgraphs_under_their_node_with_types_and_weight_shapes()
    {
        var tree = GraphTreeBuilder.Build(SyntheticModels.WithControlFlow(), "cf.onnx");

        string text = tree.ToText();
        Assert.StartsWith("cf.onnx (IR 8, opsets ai.onnx:17)\n└── graph control_flow, 1 weights, 4 params\n", text);
        Assert.Contains("\n    │   ├── If choose(any_big_y) → choose_y: float[4]\n    │   │   ├── then_branch: graph then_graph\n", text);
        Assert.Contains("Mul then_scale(x, scale⟨4⟩) → then_scale_y: float[4]", text);
        Assert.Contains("    └── outputs (1)\n        └── result_y: float[4]\n", text);

        string markdown = tree.ToMarkdown();
        Assert.Contains("\n      - `If choose(any_big_y) → choose_y: float[4]`\n        - `then_branch: graph then_graph`\n", markdown);
    }
}
