using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Tests.ShapeInference;

/// <summary>Reshape, Flatten, Squeeze/Unsqueeze, Slice, Split, Concat, Transpose, reductions: attribute and input forms by opset.</summary>
public sealed class ReshapeSliceShapeTests
{
    [Theory]
    [InlineData(new long[] { 0, -1 }, "[N,48]")]
    [InlineData(new long[] { -1, 48 }, "[N,48]")]
    [InlineData(new long[] { 0, 3, -1, 2 }, "[N,3,8,2]")]
    [InlineData(new long[] { 6, -1 }, "[6,?]")]
    [InlineData(new long[] { -1 }, "[?]")]
    public void ReshapeCopiesZerosAndSolvesMinusOne(long[] target, string expected)
    {
        var g = new GraphBuilder();
        var y = g.Op("Reshape", [g.Input("x", "N", 3, 4, 4), g.Ints("c0", target)]);
        var report = g.Infer();
        Assert.Equal("tensor(float)" + expected, y.Type?.ToString());
        Assert.True(report.IsConsistent);
    }

    [Fact]
    public void ReshapeAllowZeroMakesZeroASize()
    {
        var g = new GraphBuilder(14);
        var x = g.Input("x", Dim.Of(0), 3);
        var kept = g.Op("Reshape", [x, g.Ints("c1", 0, 3)]);
        var zero = g.Op("Reshape", [x, g.Ints("c2", 3, 0)], Attribute.Int("allowzero", 1));
        g.Infer();
        Assert.Equal("tensor(float)[0,3]", kept.Type?.ToString());
        Assert.Equal("tensor(float)[3,0]", zero.Type?.ToString());
    }

    [Fact]
    public void ReshapeWithWrongElementCountIsReported()
    {
        var g = new GraphBuilder();
        g.Op("Reshape", [g.Input("x", 2, 3), g.Ints("c3", 4, 2)]);
        Assert.Contains("cannot reshape", Assert.Single(g.Infer().Diagnostics).Message);
    }

    [Fact]
    public void ReshapeWithAComputedShapeUsesThePartlyKnownShape()
    {
        // The exporter's usual flatten: Reshape(x, Concat(Gather(Shape(x), 0), [-1])).
        var g = new GraphBuilder();
        var x = g.Input("x", "N", 64, 7, 7);
        var shape = g.Op("Shape", [x]);
        var batch = g.Op("Gather", [shape, g.Graph.AddInitializer("zero", DenseTensor.FromInt64s([0], []))], Attribute.Int("axis", 0));
        var batch1d = g.Op("Unsqueeze", [batch, g.Ints("c4", 0)]);
        var target = g.Op("Concat", [batch1d, g.Ints("c5", -1)], Attribute.Int("axis", 0));
        var y = g.Op("Reshape", [x, target]);
        g.Infer();
        Assert.Equal("tensor(int64)[4]", shape.Type?.ToString());
        Assert.Equal("tensor(int64)[]", batch.Type?.ToString());
        Assert.Equal("tensor(int64)[2]", target.Type?.ToString());
        Assert.Equal("tensor(float)[N,3136]", y.Type?.ToString());
    }

    [Fact]
    public void ShapeArithmeticFeedsExpandAndConstantOfShape()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", "B", "T", 16);
        var shape = g.Op("Shape", [x], Attribute.Int("start", 0), Attribute.Int("end", 2));
        var doubled = g.Op("Mul", [shape, g.Ints("c6", 1, 2)]);
        var zeros = g.Op("ConstantOfShape", [doubled]);
        var expanded = g.Op("Expand", [g.Input("bias", 1, 1, 16), g.Op("Shape", [x])]);
        g.Infer();
        // B*1 stays B; T*2 is not a symbol OnnxKit invents, so it is unknown.
        Assert.Equal("tensor(float)[B,?]", zeros.Type?.ToString());
        Assert.Equal("tensor(float)[B,T,16]", expanded.Type?.ToString());
    }

    [Fact]
    public void FlattenMultipliesAroundTheAxis()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", "N", 3, 4, 5);
        var atOne = g.Op("Flatten", [x]);
        var atTwo = g.Op("Flatten", [x], Attribute.Int("axis", 2));
        var atLast = g.Op("Flatten", [x], Attribute.Int("axis", -1));
        g.Infer();
        Assert.Equal("tensor(float)[N,60]", atOne.Type?.ToString());
        Assert.Equal("tensor(float)[?,20]", atTwo.Type?.ToString());
        Assert.Equal("tensor(float)[?,5]", atLast.Type?.ToString());
    }

    [Fact]
    public void SqueezeAndUnsqueezeTakeAxesAsAttributeBeforeOpset13()
    {
        var g = new GraphBuilder(11);
        var x = g.Input("x", "N", 1, 5, 1);
        var squeezed = g.Op("Squeeze", [x], Attribute.Ints("axes", [1, -1]));
        var all = g.Op("Squeeze", [g.Input("s", 1, 5, 1)]);
        var unsqueezed = g.Op("Unsqueeze", [squeezed], Attribute.Ints("axes", [0, -1]));
        var report = g.Infer();
        Assert.Equal("tensor(float)[N,5]", squeezed.Type?.ToString());
        Assert.Equal("tensor(float)[5]", all.Type?.ToString());
        Assert.Equal("tensor(float)[1,N,5,1]", unsqueezed.Type?.ToString());
        Assert.True(report.IsConsistent);
    }

    [Fact]
    public void SqueezeAndUnsqueezeTakeAxesAsInputFromOpset13()
    {
        var g = new GraphBuilder(13);
        var x = g.Input("x", "N", 1, 5, 1);
        var squeezed = g.Op("Squeeze", [x, g.Ints("c7", 1, -1)]);
        var unsqueezed = g.Op("Unsqueeze", [squeezed, g.Ints("c8", 0, -1)]);
        // An axes attribute is not part of opset 13's Squeeze: without the input, every size-1 dim goes,
        // and with a symbolic dim that might be 1 the rank is unknown.
        var ignoredAttribute = g.Op("Squeeze", [x], Attribute.Ints("axes", [1]));
        g.Infer();
        Assert.Equal("tensor(float)[N,5]", squeezed.Type?.ToString());
        Assert.Equal("tensor(float)[1,N,5,1]", unsqueezed.Type?.ToString());
        Assert.Equal("tensor(float)", ignoredAttribute.Type?.ToString());
    }

    [Fact]
    public void SqueezingASizeOtherThanOneIsReported()
    {
        var g = new GraphBuilder(13);
        g.Op("Squeeze", [g.Input("x", 2, 3), g.Ints("c9", 0)]);
        Assert.Contains("its size is 2", Assert.Single(g.Infer().Diagnostics).Message);
    }

    [Fact]
    public void SliceUsesAttributesBeforeOpset10()
    {
        var g = new GraphBuilder(9);
        var y = g.Op("Slice", [g.Input("x", "N", 20, 10)], Attribute.Ints("starts", [2, -3]), Attribute.Ints("ends", [100, -1]),
            Attribute.Ints("axes", [1, 2]));
        g.Infer();
        // axis 1: [2, min(100, 20)) = 18; axis 2: [10-3, 10-1) = 2.
        Assert.Equal("tensor(float)[N,18,2]", y.Type?.ToString());
    }

    [Fact]
    public void SliceUsesInputsFromOpset10WithStepsAndClamping()
    {
        var g = new GraphBuilder(13);
        var x = g.Input("x", "N", 20, 10);
        var stepped = g.Op("Slice", [x, g.Ints("c10", 1, 9), g.Ints("c11", long.MaxValue, -100), g.Ints("c12", 1, 2), g.Ints("c13", 3, -2)]);
        var whole = g.Op("Slice", [x, g.Ints("c14", 0), g.Ints("c15", long.MaxValue), g.Ints("c16", 0)]);
        var dynamic = g.Op("Slice", [x, g.Input("starts", DataType.Int64, 1), g.Ints("c17", 5), g.Ints("c18", 1)]);
        g.Infer();
        // axis 1: 1, 4, ..., 19 -> 7; axis 2 backwards from 9 by 2 to the start -> 9,7,5,3,1 = 5.
        Assert.Equal("tensor(float)[N,7,5]", stepped.Type?.ToString());
        Assert.Equal("tensor(float)[N,20,10]", whole.Type?.ToString());
        Assert.Equal("tensor(float)[N,?,10]", dynamic.Type?.ToString());
    }

    [Fact]
    public void SplitBySizesOrIntoEqualParts()
    {
        var g = new GraphBuilder(18);
        var x = g.Input("x", "N", 10);
        var bySizes = g.AddNode("Split", [x, g.Ints("c19", 3, 7)], [Attribute.Int("axis", 1)], outputCount: 2);
        var equal = g.AddNode("Split", [x], [Attribute.Int("axis", 1), Attribute.Int("num_outputs", 3)], outputCount: 3);
        var old = new GraphBuilder(11);
        var legacy = old.AddNode("Split", [old.Input("x", "N", 10)], [Attribute.Int("axis", 1), Attribute.Ints("split", [4, 6])], outputCount: 2);
        g.Infer();
        old.Infer();
        Assert.Equal(["tensor(float)[N,3]", "tensor(float)[N,7]"], bySizes.Outputs.Select(o => o.Type?.ToString()));
        // From opset 18 an uneven split makes the last part smaller: ceil(10 / 3) = 4, 4, 2.
        Assert.Equal(["tensor(float)[N,4]", "tensor(float)[N,4]", "tensor(float)[N,2]"], equal.Outputs.Select(o => o.Type?.ToString()));
        Assert.Equal(["tensor(float)[N,4]", "tensor(float)[N,6]"], legacy.Outputs.Select(o => o.Type?.ToString()));
    }

    [Fact]
    public void ConcatAddsAlongTheAxisAndTransposePermutes()
    {
        var g = new GraphBuilder();
        var concat = g.Op("Concat", [g.Input("a", "N", 3, 8), g.Input("b", "N", 5, 8)], Attribute.Int("axis", 1));
        var transposed = g.Op("Transpose", [concat], Attribute.Ints("perm", [2, 0, 1]));
        var reversed = g.Op("Transpose", [concat]);
        g.Infer();
        Assert.Equal("tensor(float)[N,8,8]", concat.Type?.ToString());
        Assert.Equal("tensor(float)[8,N,8]", transposed.Type?.ToString());
        Assert.Equal("tensor(float)[8,8,N]", reversed.Type?.ToString());
    }

    [Fact]
    public void ReduceAxesAreAnAttributeOrAnInputDependingOnOpAndOpset()
    {
        var at13 = new GraphBuilder(13);
        var x13 = at13.Input("x", "N", 4, 5);
        var meanByAttribute = at13.Op("ReduceMean", [x13], Attribute.Ints("axes", [1]));
        var sumByInput = at13.Op("ReduceSum", [x13, at13.Ints("c20", -1)], Attribute.Int("keepdims", 0));
        var sumNoop = at13.Op("ReduceSum", [x13], Attribute.Int("noop_with_empty_axes", 1));
        var at18 = new GraphBuilder(18);
        var x18 = at18.Input("x", "N", 4, 5);
        var meanByInput = at18.Op("ReduceMean", [x18, at18.Ints("c21", 1, 2)], Attribute.Int("keepdims", 0));
        var maxAll = at18.Op("ReduceMax", [x18]);
        var argMax = at18.Op("ArgMax", [x18], Attribute.Int("axis", 2), Attribute.Int("keepdims", 0));
        at13.Infer();
        at18.Infer();
        Assert.Equal("tensor(float)[N,1,5]", meanByAttribute.Type?.ToString());
        Assert.Equal("tensor(float)[N,4]", sumByInput.Type?.ToString());
        Assert.Equal("tensor(float)[N,4,5]", sumNoop.Type?.ToString());
        Assert.Equal("tensor(float)[N]", meanByInput.Type?.ToString());
        Assert.Equal("tensor(float)[1,1,1]", maxAll.Type?.ToString());
        Assert.Equal("tensor(int64)[N,4]", argMax.Type?.ToString());
    }

    [Fact]
    public void PadAddsPadsFromAttributeOrInput()
    {
        var old = new GraphBuilder(10);
        var padded10 = old.Op("Pad", [old.Input("x", "N", 3, 4)], Attribute.Ints("pads", [0, 1, 2, 0, 1, 2]));
        var g = new GraphBuilder(18);
        var x = g.Input("x", "N", 3, 4);
        var padded18 = g.Op("Pad", [x, g.Ints("c22", 1, -1, 2, 0), null, g.Ints("c23", 1, 2)]);
        old.Infer();
        g.Infer();
        Assert.Equal("tensor(float)[N,5,8]", padded10.Type?.ToString());
        Assert.Equal("tensor(float)[N,6,3]", padded18.Type?.ToString());
    }
}
