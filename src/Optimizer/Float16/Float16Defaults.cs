namespace OnnxKit.Optimizer.Float16;

/// <summary>The operators kept in float32 unless the caller says otherwise, and why.</summary>
public static class Float16Defaults
{
    /// <summary>ai.onnx operators that lose too much precision or range in float16, with the reason.</summary>
    public static IReadOnlyDictionary<string, string> BlockedOps { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["Exp"] = "overflows float16 above x ≈ 11",
        ["Pow"] = "overflows float16 easily",
        ["ReduceProd"] = "products leave float16's range",
        ["ReduceSumSquare"] = "sums of squares leave float16's range",
        ["ReduceL1"] = "long sums lose float16 precision",
        ["ReduceL2"] = "sums of squares leave float16's range",
        ["ReduceLogSum"] = "long sums lose float16 precision",
        ["ReduceLogSumExp"] = "exponentials leave float16's range",
        ["CumSum"] = "running sums lose float16 precision",
        ["Range"] = "index arithmetic needs exact integers beyond 2048",
        ["TopK"] = "ties appear where float16 rounds distinct values together",
        ["NonMaxSuppression"] = "box coordinates and scores need float32 precision",
        ["RoiAlign"] = "coordinates need float32 precision",
        ["Resize"] = "scales and coordinates need float32 precision",
        ["Upsample"] = "scales need float32 precision",
        ["QuantizeLinear"] = "quantization scales need float32 precision",
        ["DequantizeLinear"] = "quantization scales need float32 precision",
        ["DynamicQuantizeLinear"] = "quantization scales need float32 precision",
        ["RandomNormal"] = "sampling", ["RandomNormalLike"] = "sampling", ["RandomUniform"] = "sampling",
        ["RandomUniformLike"] = "sampling", ["Multinomial"] = "sampling", ["Bernoulli"] = "sampling",
        ["EyeLike"] = "ONNX Runtime's CPU provider has no float16 kernel for it",
        ["MeanVarianceNormalization"] = "ONNX's function body for it adds a float32 epsilon, which fails in float16",
        ["Loop"] = "its body keeps float32 boundaries (the body itself is converted)",
        ["Scan"] = "its body keeps float32 boundaries (the body itself is converted)",
    };
}
