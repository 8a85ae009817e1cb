using OnnxKit.Ir;

namespace OnnxKit.Viewer.Graphs;

/// <summary>Assigns each operator to the <see cref="OpCategory"/> it is coloured by.</summary>
public static class OpCategories
{
    private static readonly Dictionary<string, OpCategory> ByOpType = Build();

    /// <summary>The category of <paramref name="node"/>'s operator.</summary>
    public static OpCategory Of(Node node) => Of(node.Domain, node.OpType);

    /// <summary>The category of operator <paramref name="opType"/> in <paramref name="domain"/>.</summary>
    public static OpCategory Of(string domain, string opType)
    {
        if (ByOpType.TryGetValue(opType, out var category)) return category;
        if (opType.StartsWith("QLinear", StringComparison.Ordinal) || opType.StartsWith("QOrdered", StringComparison.Ordinal)) return OpCategory.Quantization;
        if (opType.StartsWith("Reduce", StringComparison.Ordinal)) return OpCategory.Reduction;
        if (opType.StartsWith("Sequence", StringComparison.Ordinal)) return OpCategory.ControlFlow;
        if (opType.Contains("Attention", StringComparison.Ordinal)) return OpCategory.Sequence;
        if (opType.Contains("Conv", StringComparison.Ordinal)) return OpCategory.Convolution;
        if (opType.Contains("Norm", StringComparison.Ordinal)) return OpCategory.Normalization;
        if (opType.Contains("Gelu", StringComparison.Ordinal)) return OpCategory.Activation;
        return DomainNames.IsDefault(domain) ? OpCategory.Other : OpCategory.Custom;
    }

    private static Dictionary<string, OpCategory> Build()
    {
        var map = new Dictionary<string, OpCategory>(StringComparer.Ordinal);
        void Add(OpCategory category, params string[] ops)
        {
            foreach (var op in ops) map[op] = category;
        }

        Add(OpCategory.Convolution, "Conv", "ConvTranspose", "DeformConv", "FusedConv", "NhwcConv");
        Add(OpCategory.Linear, "MatMul", "Gemm", "FusedMatMul", "FusedGemm", "Einsum", "Det");
        Add(OpCategory.Activation, "Relu", "LeakyRelu", "PRelu", "Sigmoid", "HardSigmoid", "Tanh", "Elu", "Selu", "Celu",
            "Softmax", "LogSoftmax", "Softplus", "Softsign", "HardSwish", "Mish", "Gelu", "FastGelu", "BiasGelu",
            "ThresholdedRelu", "Hardmax", "QuickGelu", "Swish", "Shrink", "Clip");
        Add(OpCategory.Pooling, "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "LpPool", "GlobalLpPool",
            "MaxRoiPool", "RoiAlign", "MaxUnpool", "Resize", "Upsample", "GridSample", "AffineGrid", "Col2Im");
        Add(OpCategory.Normalization, "BatchNormalization", "LayerNormalization", "InstanceNormalization",
            "GroupNormalization", "LpNormalization", "MeanVarianceNormalization", "RMSNormalization",
            "SimplifiedLayerNormalization", "SkipLayerNormalization", "SkipSimplifiedLayerNormalization", "LRN", "Dropout");
        Add(OpCategory.Arithmetic, "Add", "Sub", "Mul", "Div", "Pow", "Sqrt", "Exp", "Log", "Abs", "Neg", "Reciprocal",
            "Floor", "Ceil", "Round", "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh",
            "Erf", "Sign", "Sum", "Mean", "Max", "Min", "Mod", "BitShift", "CumSum", "IsNaN", "IsInf", "BiasAdd",
            "BitwiseAnd", "BitwiseOr", "BitwiseXor", "BitwiseNot", "DFT", "STFT", "HannWindow", "HammingWindow",
            "BlackmanWindow", "MelWeightMatrix", "Cast", "CastLike");
        Add(OpCategory.Reduction, "ArgMax", "ArgMin", "TopK", "NonMaxSuppression");
        Add(OpCategory.DataMovement, "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Transpose", "Concat", "Split",
            "Slice", "Gather", "GatherElements", "GatherND", "Scatter", "ScatterElements", "ScatterND", "Expand", "Tile",
            "Pad", "Shape", "Size", "Identity", "DepthToSpace", "SpaceToDepth", "ReverseSequence", "Compress", "Unique",
            "NonZero", "OneHot", "Trilu", "CenterCropPad", "ImageDecoder", "StringNormalizer", "StringConcat",
            "StringSplit", "RegexFullMatch", "TfIdfVectorizer");
        Add(OpCategory.Logic, "Equal", "Greater", "GreaterOrEqual", "Less", "LessOrEqual", "And", "Or", "Xor", "Not", "Where");
        Add(OpCategory.ControlFlow, "If", "Loop", "Scan", "SplitToSequence", "ConcatFromSequence", "Optional",
            "OptionalHasElement", "OptionalGetElement");
        Add(OpCategory.Quantization, "QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear", "MatMulInteger",
            "ConvInteger", "MatMulNBits", "DynamicQuantizeMatMul", "MatMulIntegerToFloat");
        Add(OpCategory.Sequence, "LSTM", "GRU", "RNN", "Attention", "MultiHeadAttention", "GroupQueryAttention", "RotaryEmbedding");
        Add(OpCategory.Constant, "Constant", "ConstantOfShape", "Range", "EyeLike", "RandomNormal", "RandomUniform",
            "RandomNormalLike", "RandomUniformLike", "Multinomial", "Bernoulli");
        return map;
    }
}
