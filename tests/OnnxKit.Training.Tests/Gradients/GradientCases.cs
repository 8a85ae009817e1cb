using static OnnxKit.Training.Tests.Gradients.GradientCase;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Training.Tests.Gradients;

/// <summary>
/// One case per operator the DSL's layers and the losses lower to (and per attribute form that
/// changes the gradient: broadcasting, transposes, strides, dilations, groups, padding, overlap,
/// training mode). Dropout is checked separately against its own mask (its randomness cannot be
/// finite-differenced).
/// </summary>
public static class GradientCases
{
    public static IReadOnlyList<GradientCase> All { get; } =
    [
        new("add_broadcast", "Add", [X("a", 2, 3, 4), X("b", 3, 1)], []),
        new("sub_broadcast", "Sub", [X("a", 2, 3), X("b", 3)], []),
        new("mul_broadcast", "Mul", [X("a", 2, 3, 4), X("b", 1, 3, 1)], []),
        new("div", "Div", [X("a", 2, 3), Positive("b", 2, 3)], []),
        new("div_broadcast", "Div", [X("a", 2, 3), Positive("b", 3)], []),
        new("relu", "Relu", [X("x", 3, 5)], []),
        new("leaky_relu", "LeakyRelu", [X("x", 3, 5)], [Attribute.Float("alpha", 0.2f)]),
        new("sigmoid", "Sigmoid", [X("x", 3, 5)], []),
        new("tanh", "Tanh", [X("x", 3, 5)], []),
        new("exp", "Exp", [X("x", 3, 4)], []),
        new("log", "Log", [Positive("x", 3, 4)], []),
        new("sqrt", "Sqrt", [Positive("x", 3, 4)], []),
        new("neg", "Neg", [X("x", 3, 4)], []),
        new("reciprocal", "Reciprocal", [Positive("x", 3, 4)], []),
        new("abs", "Abs", [X("x", 3, 4)], []),
        new("softplus", "Softplus", [X("x", 3, 4)], []),
        new("clip", "Clip", [X("x", 4, 5), Scalar("min", -0.5), Scalar("max", 0.5)], []),
        new("softmax", "Softmax", [X("x", 3, 5)], [Attribute.Int("axis", -1)]),
        new("softmax_axis1", "Softmax", [X("x", 2, 4, 3)], [Attribute.Int("axis", 1)]),
        new("log_softmax", "LogSoftmax", [X("x", 3, 5)], [Attribute.Int("axis", -1)]),
        new("gemm", "Gemm", [X("a", 4, 3), X("b", 3, 5), X("c", 5)], []),
        new("gemm_transposed_scaled", "Gemm", [X("a", 3, 4), X("b", 5, 3), X("c", 4, 1)],
            [Attribute.Int("transA", 1), Attribute.Int("transB", 1), Attribute.Float("alpha", 0.5f), Attribute.Float("beta", 2f)]),
        new("matmul", "MatMul", [X("a", 3, 4), X("b", 4, 2)], []),
        new("matmul_batched_dense", "MatMul", [X("a", 2, 3, 4), X("b", 4, 5)], []),
        new("conv", "Conv", [X("x", 2, 3, 6, 6), X("w", 4, 3, 3, 3), X("b", 4)],
            [Attribute.Ints("kernel_shape", [3, 3]), Attribute.Ints("pads", [1, 1, 1, 1])]),
        new("conv_strided", "Conv", [X("x", 2, 3, 7, 7), X("w", 4, 3, 3, 3), X("b", 4)],
            [Attribute.Ints("strides", [2, 2]), Attribute.Ints("pads", [1, 1, 1, 1])]),
        new("conv_strided_valid_remainder", "Conv", [X("x", 2, 2, 8, 8), X("w", 3, 2, 3, 3)], [Attribute.Ints("strides", [2, 2])]),
        new("conv_dilated_asymmetric_pads", "Conv", [X("x", 1, 2, 7, 6), X("w", 3, 2, 2, 3)],
            [Attribute.Ints("dilations", [2, 1]), Attribute.Ints("pads", [1, 0, 0, 2])]),
        new("conv_depthwise", "Conv", [X("x", 2, 3, 5, 5), X("w", 6, 1, 3, 3), X("b", 6)],
            [Attribute.Int("group", 3), Attribute.Ints("pads", [1, 1, 1, 1])]),
        new("conv_grouped_strided", "Conv", [X("x", 2, 4, 6, 6), X("w", 4, 2, 3, 3)],
            [Attribute.Int("group", 2), Attribute.Ints("strides", [2, 2])]),
        new("conv_1d", "Conv", [X("x", 2, 3, 9), X("w", 4, 3, 3), X("b", 4)], [Attribute.Ints("pads", [1, 1])]),
        new("max_pool", "MaxPool", [X("x", 2, 3, 6, 6)], [Attribute.Ints("kernel_shape", [2, 2]), Attribute.Ints("strides", [2, 2])]),
        new("max_pool_trailing_rows", "MaxPool", [X("x", 2, 2, 7, 5)], [Attribute.Ints("kernel_shape", [2, 2]), Attribute.Ints("strides", [2, 2])]),
        new("max_pool_overlapping_padded", "MaxPool", [X("x", 2, 2, 7, 7)],
            [Attribute.Ints("kernel_shape", [3, 3]), Attribute.Ints("strides", [2, 2]), Attribute.Ints("pads", [1, 1, 1, 1])]),
        new("average_pool", "AveragePool", [X("x", 2, 3, 6, 6)], [Attribute.Ints("kernel_shape", [2, 2]), Attribute.Ints("strides", [2, 2])]),
        new("average_pool_same_excluding_pad", "AveragePool", [X("x", 2, 2, 5, 5)],
            [Attribute.Ints("kernel_shape", [3, 3]), Attribute.Ints("pads", [1, 1, 1, 1]), Attribute.Int("count_include_pad", 0)]),
        new("average_pool_including_pad_strided", "AveragePool", [X("x", 1, 2, 6, 6)],
            [Attribute.Ints("kernel_shape", [3, 3]), Attribute.Ints("strides", [2, 2]), Attribute.Ints("pads", [1, 1, 1, 1]), Attribute.Int("count_include_pad", 1)]),
        new("global_average_pool", "GlobalAveragePool", [X("x", 2, 3, 4, 5)], []),
        new("batch_norm_training", "BatchNormalization",
            [X("x", 4, 3, 3, 3), X("scale", 3), X("bias", 3), new("mean", [3], InputKind.Statistic), new("var", [3], InputKind.Statistic)],
            [Attribute.Float("epsilon", 1e-3f), Attribute.Float("momentum", 0.99f)], Train: true),
        new("batch_norm_training_large_offset", "BatchNormalization",
            [Positive("x", 8, 3, 32, 32), X("scale", 3), X("bias", 3), new("mean", [3], InputKind.Statistic), new("var", [3], InputKind.Statistic)],
            [Attribute.Float("epsilon", 1e-3f), Attribute.Float("momentum", 0.99f)], Train: true),
        new("batch_norm_inference", "BatchNormalization",
            [X("x", 2, 3, 4), X("scale", 3), X("bias", 3), new("mean", [3], InputKind.FloatConstant, [0.1, -0.2, 0.3]), new("var", [3], InputKind.FloatConstant, [0.5, 1.5, 2])],
            [Attribute.Float("epsilon", 1e-3f)]),
        new("reshape", "Reshape", [X("x", 2, 3, 4), Ints("shape", 6, -1)], []),
        new("flatten", "Flatten", [X("x", 2, 3, 2, 2)], [Attribute.Int("axis", 1)]),
        new("transpose", "Transpose", [X("x", 2, 3, 4)], [Attribute.Ints("perm", [2, 0, 1])]),
        new("concat", "Concat", [X("a", 2, 3), X("b", 2, 2)], [Attribute.Int("axis", 1)]),
        new("slice", "Slice", [X("x", 4, 5), Ints("starts", 1, 0), Ints("ends", 3, -1), Ints("axes", 0, 1)], []),
        new("pad", "Pad", [X("x", 2, 3), Ints("pads", 0, 1, 1, 2)], []),
        new("reduce_mean", "ReduceMean", [X("x", 3, 4, 2)], [Attribute.Ints("axes", [1]), Attribute.Int("keepdims", 0)]),
        new("reduce_sum", "ReduceSum", [X("x", 3, 4, 2), Ints("axes", 0, 2)], [Attribute.Int("keepdims", 1)]),
        new("squeeze", "Squeeze", [X("x", 3, 1, 4), Ints("axes", 1)], []),
        new("unsqueeze", "Unsqueeze", [X("x", 3, 4), Ints("axes", 1)], []),
    ];

    public static GradientCase Get(string name) => All.Single(c => c.Name == name);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in All) data.Add(c.Name);
        return data;
    }
}
