using OnnxKit.Ir;
using OnnxKit.Optimizer.Quantization.Numerics;

namespace OnnxKit.Optimizer.Quantization.Placement;

/// <summary>
/// How one node is quantized: which inputs are activations (quantized with calibrated ranges),
/// which are constants quantized ahead of time (weights with the weight type, other constants with
/// the activation type), which input is an int32 bias, and whether the output gets its own range.
/// </summary>
/// <param name="Node">The node.</param>
/// <param name="Role">Its role.</param>
/// <param name="Activations">Indices of inputs quantized as activations.</param>
/// <param name="Constants">Constant inputs quantized offline.</param>
/// <param name="Bias">The bias input, quantized to int32 with the input scale times the weight scale.</param>
/// <param name="QuantizeOutput">True when the output gets a QuantizeLinear (always, except MatMul and Gemm whose consumers stay float).</param>
public sealed record NodeQuantization(Node Node, OperatorRole Role, IReadOnlyList<int> Activations, IReadOnlyList<ConstantInput> Constants,
    BiasInput? Bias, bool QuantizeOutput);

/// <summary>A constant input quantized offline.</summary>
/// <param name="Index">The input slot.</param>
/// <param name="IsWeight">True for the weights of Conv, MatMul and Gemm (weight type and symmetry); false for other constants (activation type).</param>
/// <param name="Granularity">Per tensor, per output channel, or blocked.</param>
public sealed record ConstantInput(int Index, bool IsWeight, Granularity Granularity);

/// <summary>A bias input quantized to int32.</summary>
/// <param name="Index">The bias slot.</param>
/// <param name="ActivationIndex">The input whose scale multiplies the weight scale.</param>
/// <param name="WeightIndex">The weight input whose scales multiply the activation scale.</param>
public sealed record BiasInput(int Index, int ActivationIndex, int WeightIndex);
