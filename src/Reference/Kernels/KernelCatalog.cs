using OnnxKit.Reference.Engine;

namespace OnnxKit.Reference.Kernels;

/// <summary>The kernel families of the reference evaluator; each registers its operators.</summary>
internal static class KernelCatalog
{
    /// <summary>The registration method of every family.</summary>
    public static IReadOnlyList<Action<KernelRegistry>> Families { get; } =
    [
        Elementwise.ArithmeticKernels.Register,
        Elementwise.ComparisonKernels.Register,
        Elementwise.LogicalKernels.Register,
        Elementwise.MathKernels.Register,
        Nn.ActivationKernels.Register,
        Nn.MatMulKernels.Register,
        Nn.ConvKernels.Register,
        Nn.PoolKernels.Register,
        Nn.SoftmaxKernels.Register,
        Nn.NormalizationKernels.Register,
        Nn.AttentionKernels.Register,
        Nn.LossKernels.Register,
        Nn.ResizeKernels.Register,
        Nn.GridKernels.Register,
        Nn.DropoutKernels.Register,
        Nn.LinearAlgebraKernels.Register,
        Nn.RotaryEmbeddingKernels.Register,
        Nn.RecurrentKernels.Register,
        Nn.DetectionKernels.Register,
        Nn.Col2ImKernels.Register,
        Nn.DeformConvKernels.Register,
        Nn.CausalConvKernels.Register,
        Nn.LinearAttentionKernels.Register,
        Nn.FlexAttentionKernels.Register,
        Reduction.ReduceKernels.Register,
        Reduction.ArgKernels.Register,
        Quantization.QuantizationKernels.Register,
        ControlFlow.ControlFlowKernels.Register,
        Sequence.SequenceKernels.Register,
        Signal.SignalKernels.Register,
        Text.StringKernels.Register,
        Text.TfIdfKernels.Register,
        Ml.MlKernels.Register,
        Training.OptimizerKernels.Register,
        Tensor.ShapeKernels.Register,
        Tensor.LayoutKernels.Register,
        Tensor.IndexingKernels.Register,
        Tensor.CastKernels.Register,
        Tensor.UniqueKernels.Register,
        Image.ImageDecoderKernels.Register,
    ];
}
