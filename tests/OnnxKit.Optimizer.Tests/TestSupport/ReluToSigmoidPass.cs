using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;

namespace OnnxKit.Optimizer.Tests.TestSupport;

/// <summary>Turns every Relu into Sigmoid: a wrong rewrite for verification to catch. Named <c>break-relu</c>.</summary>
public sealed class ReluToSigmoidPass : Pass
{
    public override string Name => "break-relu";
    public override string Description => "test";
    public override PassLevel Level => PassLevel.Basic;

    public override PassResult Run(Model model, PassContext context)
    {
        bool changed = false;
        foreach (var node in model.Graph.Nodes.Where(n => n.OpType == "Relu")) (node.OpType, changed) = ("Sigmoid", true);
        return new PassResult(model, changed);
    }
}
