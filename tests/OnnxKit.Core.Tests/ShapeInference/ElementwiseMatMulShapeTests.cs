using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using OnnxKit.ShapeInference;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Tests.ShapeInference;

/// <summary>Broadcasting, symbols through elementwise ops, MatMul's numpy rules and Gemm's transposes.</summary>
public sealed class ElementwiseMatMulShapeTests
{
    [Theory]
    [InlineData(new object[] { "N", 3L, 1L }, new object[] { 4L }, "[N,3,4]")]
    [InlineData(new object[] { "N", 1L }, new object[] { "N", 5L }, "[N,5]")]
    [InlineData(new object[] { "N", 5L }, new object[] { "M", 5L }, "[?,5]")]
    [InlineData(new object[] { "N" }, new object[] { 1L, 7L }, "[1,7]")]
    [InlineData(new object[] { "N" }, new object[] { 3L, 1L }, "[3,N]")]
    [InlineData(new object[] { }, new object[] { 2L, "T" }, "[2,T]")]
    public void AddBroadcasts(object[] left, object[] right, string expected)
    {
        var g = new GraphBuilder();
        var y = g.Op("Add", [g.Input("a", Dims(left)), g.Input("b", Dims(right))]);
        g.Infer();
        Assert.Equal("tensor(float)" + expected, y.Type?.ToString());
    }

    [Fact]
    public void SizesThatDoNotBroadcastAreReported()
    {
        var g = new GraphBuilder();
        var y = g.Op("Mul", [g.Input("a", "N", 3), g.Input("b", "N", 4)]);
        var report = g.Infer();
        var diagnostic = Assert.Single(report.Diagnostics);
        Assert.Equal(ShapeDiagnosticKind.InconsistentNode, diagnostic.Kind);
        Assert.Contains("do not broadcast", diagnostic.Message);
        Assert.Equal("tensor(float)", y.Type?.ToString());
    }

    [Fact]
    public void ComparisonsAndWhereTakeTheirElementTypesFromTheSchema()
    {
        var g = new GraphBuilder();
        var a = g.Input("a", DataType.Int32, "N", 1);
        var b = g.Input("b", DataType.Int32, 1, 6);
        var less = g.Op("Less", [a, b]);
        var where = g.Op("Where", [less, a, b]);
        var not = g.Op("Not", [less]);
        var max = g.Op("Max", [a, b, g.Input("c", DataType.Int32, 6)]);
        g.Infer();
        Assert.Equal("tensor(bool)[N,6]", less.Type?.ToString());
        Assert.Equal("tensor(int32)[N,6]", where.Type?.ToString());
        Assert.Equal("tensor(bool)[N,6]", not.Type?.ToString());
        Assert.Equal("tensor(int32)[N,6]", max.Type?.ToString());
    }

    [Fact]
    public void UnaryOpsAndActivationsKeepSymbols()
    {
        var g = new GraphBuilder(20); // Gelu is an operator from opset 20
        var x = g.Input("x", "N", "T", 64);
        var y = g.Op("Gelu", [g.Op("LeakyRelu", [g.Op("Relu", [x])], Attribute.Float("alpha", 0.1f))]);
        var cast = g.Op("Cast", [y], Attribute.Int("to", (long)DataType.Float16));
        var like = g.Op("CastLike", [x, g.Input("t", DataType.Double, 1)]);
        var dropout = g.AddNode("Dropout", [x], outputCount: 2);
        var clip = g.Op("Clip", [x, null, null]);
        g.Infer();
        Assert.Equal("tensor(float)[N,T,64]", y.Type?.ToString());
        Assert.Equal("tensor(float16)[N,T,64]", cast.Type?.ToString());
        Assert.Equal("tensor(double)[N,T,64]", like.Type?.ToString());
        Assert.Equal("tensor(bool)[N,T,64]", dropout.Outputs[1].Type?.ToString());
        Assert.Equal("tensor(float)[N,T,64]", clip.Type?.ToString());
    }

    [Theory]
    [InlineData(new object[] { "N", 784L }, new object[] { 784L, 64L }, "[N,64]")]
    [InlineData(new object[] { "B", 1L, 5L, 8L }, new object[] { 3L, 8L, 2L }, "[B,3,5,2]")]
    [InlineData(new object[] { 8L }, new object[] { "B", 8L, 2L }, "[B,2]")]
    [InlineData(new object[] { "B", 5L, 8L }, new object[] { 8L }, "[B,5]")]
    [InlineData(new object[] { 8L }, new object[] { 8L }, "[]")]
    public void MatMulFollowsNumpy(object[] left, object[] right, string expected)
    {
        var g = new GraphBuilder();
        var y = g.Op("MatMul", [g.Input("a", Dims(left)), g.Input("b", Dims(right))]);
        var report = g.Infer();
        Assert.Equal("tensor(float)" + expected, y.Type?.ToString());
        Assert.True(report.IsConsistent);
    }

    [Fact]
    public void MatMulInnerDimMismatchIsReported()
    {
        var g = new GraphBuilder();
        g.Op("MatMul", [g.Input("a", "N", 3), g.Input("b", 4, 2)]);
        Assert.Contains("inner dims differ", Assert.Single(g.Infer().Diagnostics).Message);
    }

    [Theory]
    [InlineData(0, 0, new long[] { 5, 4 }, new long[] { 4, 3 })]
    [InlineData(1, 0, new long[] { 4, 5 }, new long[] { 4, 3 })]
    [InlineData(0, 1, new long[] { 5, 4 }, new long[] { 3, 4 })]
    [InlineData(1, 1, new long[] { 4, 5 }, new long[] { 3, 4 })]
    public void GemmTransposes(long transA, long transB, long[] a, long[] b)
    {
        var g = new GraphBuilder(11);
        var y = g.Op("Gemm", [g.Input("a", a.Select(d => (Dim)d).ToArray()), g.Random("w0", b), g.Random("w1", [3])],
            Attribute.Int("transA", transA), Attribute.Int("transB", transB));
        g.Infer();
        Assert.Equal("tensor(float)[5,3]", y.Type?.ToString());
    }

    [Fact]
    public void EinsumMapsLettersToSizes()
    {
        var g = new GraphBuilder();
        var a = g.Input("a", "B", 3, 4);
        var b = g.Input("b", "B", 4, 5);
        var batched = g.Op("Einsum", [a, b], Attribute.String("equation", "bij,bjk->bik"));
        var implicitOutput = g.Op("Einsum", [a], Attribute.String("equation", "...ij"));
        var trace = g.Op("Einsum", [g.Input("m", 6, 6)], Attribute.String("equation", "ii"));
        g.Infer();
        Assert.Equal("tensor(float)[B,3,5]", batched.Type?.ToString());
        Assert.Equal("tensor(float)[B,3,4]", implicitOutput.Type?.ToString());
        Assert.Equal("tensor(float)[]", trace.Type?.ToString());
    }

    internal static Dim[] Dims(object[] dims) => dims.Select(d => d is string s ? Dim.Named(s) : Dim.Of((long)d)).ToArray();
}
