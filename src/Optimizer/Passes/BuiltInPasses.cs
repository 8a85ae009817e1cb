using OnnxKit.Optimizer.Rules.Cleanup;
using OnnxKit.Optimizer.Rules.Folding;

namespace OnnxKit.Optimizer.Passes;

/// <summary>OnnxKit's own passes, in the order the default pipelines run them.</summary>
internal static class BuiltInPasses
{
    public static PassRegistry CreateRegistry() => new PassRegistry()
        .Register(() => new ConstantFoldingPass())
        .Register(() => new ShapeFoldingPass())
        .Register(() => new NoOpRemovalPass())
        .Register(() => new CommonSubexpressionPass())
        .Register(() => new DuplicateInitializerPass())
        .Register(() => new DeadCodeEliminationPass());
}
