using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;

namespace OnnxKit.Optimizer.Tests.TestSupport;

/// <summary>Runs passes by name the way the optimizer does, with the reference evaluator folding constants, as the optimizer does by default.</summary>
public static class Optimize
{
    /// <summary>Runs a pipeline of the named passes on a copy of <paramref name="model"/> to a fixed point.</summary>
    public static PipelineOutcome With(Model model, params string[] passes) =>
        new PipelineRunner(PassRegistry.Default).Run(model.Clone(), new Pipeline(passes), new PassContext { Evaluator = new OnnxKit.Reference.ReferenceBackend() });

    /// <summary>The op types of the main graph's nodes, in order.</summary>
    public static string[] Ops(Model model) => model.Graph.Nodes.Select(n => n.OpType).ToArray();
}
