using OnnxKit.Ir;
using OnnxKit.Viewer.Tests.TestSupport;
using OnnxKit.Viewer.Text;

namespace OnnxKit.Viewer.Tests;

public sealed class TextViewTests
{
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
