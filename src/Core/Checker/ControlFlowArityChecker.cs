using OnnxKit.Ir;
using OnnxKit.Schemas;

namespace OnnxKit.Checker;

/// <summary>
/// Checks that the subgraphs of If, Loop and Scan take and give as many values as the node passes and
/// expects, as ONNX's inference for those operators requires:
/// If: each branch has as many outputs as the node.
/// Loop: the body takes the iteration number, the condition and the N loop-carried values (as many inputs
/// as the node), and gives the condition, the N values and the K scan outputs (one more than the node).
/// Scan (opset 9 on): the body takes and gives as many values as the node; num_scan_inputs fits.
/// </summary>
internal sealed class ControlFlowArityChecker(ProblemList problems)
{
    public void Check(Node node, string path, OpSchema schema)
    {
        if (schema.Domain.Length != 0) return;
        switch (schema.Name)
        {
            case "If":
                foreach (string branch in (string[])["then_branch", "else_branch"])
                {
                    if (node.Attributes[branch]?.Value is Graph graph)
                        Expect(graph.Outputs.Count, node.Outputs.Count, path, branch, "outputs", "as many as the If node has");
                }
                break;
            case "Loop" when node.Attributes["body"]?.Value is Graph body:
                Expect(body.Inputs.Count, node.Inputs.Count, path, "body", "inputs", "the iteration number, the condition and one per loop-carried value");
                Expect(body.Outputs.Count, node.Outputs.Count + 1, path, "body", "outputs", "the condition, then one per Loop output");
                break;
            case "Scan" when schema.SinceVersion >= 9 && node.Attributes["body"]?.Value is Graph body:
                Expect(body.Inputs.Count, node.Inputs.Count, path, "body", "inputs", "one per Scan input");
                Expect(body.Outputs.Count, node.Outputs.Count, path, "body", "outputs", "one per Scan output");
                if (node.Attributes["num_scan_inputs"]?.Value is long scanInputs && (scanInputs < 1 || scanInputs > node.Inputs.Count))
                    problems.Error(Locations.Attribute(path, "num_scan_inputs"), ProblemCodes.SubgraphArity,
                        $"num_scan_inputs is {scanInputs}, but the Scan node has {node.Inputs.Count} inputs.");
                break;
        }
    }

    private void Expect(int actual, int expected, string path, string attribute, string what, string rule)
    {
        if (actual != expected)
            problems.Error(Locations.Attribute(path, attribute), ProblemCodes.SubgraphArity,
                $"the subgraph has {actual} {what}, but needs {expected}: {rule}.");
    }
}
