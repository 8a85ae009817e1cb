using OnnxKit.Optimizer.Distillation;
using OnnxKit.Optimizer.Rules.Cleanup;
using OnnxKit.Optimizer.Rules.Folding;
using OnnxKit.Optimizer.Rules.Fusion;
using OnnxKit.Optimizer.Rules.Patterns;

namespace OnnxKit.Optimizer.Passes;

/// <summary>OnnxKit's own passes, in the order the default pipelines run them.</summary>
internal static class BuiltInPasses
{
    public static PassRegistry CreateRegistry() => new PassRegistry()
        .Register(() => new ConstantFoldingPass())
        .Register(() => new ShapeFoldingPass())
        .Register(() => new NoOpRemovalPass())
        .Register(() => new CastFoldingPass())
        .Register(() => new CommonSubexpressionPass())
        .Register(() => new DuplicateInitializerPass())
        .Register(() => new PadFusionPass())
        .Register(() => new ConvBatchNormFusionPass())
        .Register(() => new GemmBatchNormFusionPass())
        .Register(() => new BatchNormDecompositionPass())
        .Register(() => new ConvScaleBiasFusionPass())
        .Register(() => new TransposeFusionPass())
        .Register(() => new ReshapeChainPass())
        .Register(() => new MatMulAddFusionPass())
        .Register(() => new ThresholdClipFusionPass())
        .Register(() => new GeluFusionPass())
        .Register(() => new LayerNormFusionPass())
        .Register(() => new HardSwishFusionPass())
        .Register(() => new MishFusionPass())
        .Register(() => new SoftmaxFusionPass())
        .Register(() => new DeadCodeEliminationPass())
        .Register(() => new ExposeLogitsPass())
        .Register(() => new SoftTargetsPass());
}
