using OnnxKit.Ir;
using OnnxKit.Viewer.Graphs;
using OnnxKit.Viewer.Tests.TestSupport;

namespace OnnxKit.Viewer.Tests;

public sealed class NodePrecisionTests
{
    [Theory]
    [InlineData("Relu", DataType.Float16, DataType.Float16, "fp16")]
    [InlineData("MatMul", DataType.Float, DataType.Float, "fp32")]
    [InlineData("MatMul", DataType.BFloat16, DataType.BFloat16, "bf16")]
    [InlineData("QuantizeLinear", DataType.Float, DataType.UInt8, "int8")]
    [InlineData("DequantizeLinear", DataType.Int4, DataType.Float, "int4")]
    [InlineData("Shape", DataType.Float, DataType.Int64, "fp32")]
    [InlineData("Add", DataType.Int64, DataType.Int64, null)]
    public void Is_read_from_the_element_types(string op, DataType input, DataType output, string? expected)
    {
        var graph = new Graph();
        var x = new Value("x", SyntheticModels.Tensor(input, 4));
        graph.Inputs.Add(x);
        SyntheticModels.Add(graph, op, "n", [x], SyntheticModels.Tensor(output, 4));

        Assert.Equal(expected, NodePrecision.Of(graph.Nodes.First!));
    }

    [Theory]
    [InlineData("", "Conv", OpCategory.Convolution)]
    [InlineData("", "Gemm", OpCategory.Linear)]
    [InlineData("", "ReduceMean", OpCategory.Reduction)]
    [InlineData("com.microsoft", "QLinearConv", OpCategory.Quantization)]
    [InlineData("com.microsoft", "SkipLayerNormalization", OpCategory.Normalization)]
    [InlineData("my.domain", "Frobnicate", OpCategory.Custom)]
    [InlineData("", "Frobnicate", OpCategory.Other)]
    public void Ops_fall_into_their_colour_families(string domain, string op, OpCategory expected) =>
        Assert.Equal(expected, OpCategories.Of(domain, op));
}
