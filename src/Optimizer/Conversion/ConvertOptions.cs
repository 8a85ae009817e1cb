namespace OnnxKit.Optimizer.Conversion;

/// <summary>What <see cref="OpsetConverter"/> converts a model to.</summary>
public sealed record ConvertOptions
{
    /// <summary>The ai.onnx opset the converted model imports.</summary>
    public required int TargetOpset { get; init; }

    /// <summary>
    /// The IR version to write; null keeps the model's own, raised to the oldest IR version ONNX released
    /// with <see cref="TargetOpset"/> when it is below that.
    /// </summary>
    public long? IrVersion { get; init; }

    /// <summary>
    /// Accept the adapters whose result is documented to differ slightly from the original (each says what
    /// changes in docs/convert.md); without it they refuse like any node with no exact equivalent.
    /// </summary>
    public bool AllowApproximate { get; init; }

    /// <summary>
    /// Going up, replace the spelled-out forms of operators introduced between the source and the target opset
    /// (Gelu, LayerNormalization, HardSwish, Mish) by those operators, with the optimizer's exact fusions
    /// (<see cref="NativeOpFusion"/>); false keeps them decomposed. On by default.
    /// </summary>
    public bool FuseNativeOps { get; init; } = true;
}
