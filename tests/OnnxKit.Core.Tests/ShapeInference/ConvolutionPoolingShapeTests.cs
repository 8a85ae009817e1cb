using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Tests.ShapeInference;

/// <summary>Conv, ConvTranspose and pool output sizes against sizes worked out by hand from the operators' formulas.</summary>
public sealed class ConvolutionPoolingShapeTests
{
    [Fact]
    public void ConvWithPadsAndStridesKeepsTheSymbolicBatch()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", "N", 3, 224, 224);
        // (224 + 3 + 3 - 7) / 2 + 1 = 112
        var y = g.Op("Conv", [x, g.Random("w0", [64, 3, 7, 7])], Attribute.Ints("strides", [2, 2]), Attribute.Ints("pads", [3, 3, 3, 3]));
        var report = g.Infer();
        Assert.Equal("tensor(float)[N,64,112,112]", y.Type?.ToString());
        Assert.True(report.IsConsistent);
    }

    [Theory]
    // SAME_*: ceil(in / stride), whatever the kernel.
    [InlineData("SAME_UPPER", 225, 2, 3, 1, 113)]
    [InlineData("SAME_LOWER", 225, 2, 3, 1, 113)]
    [InlineData("SAME_UPPER", 7, 3, 5, 1, 3)]
    // VALID: floor((in - effective kernel) / stride) + 1; dilation 2 makes a 3-kernel span 5.
    [InlineData("VALID", 224, 2, 3, 1, 111)]
    [InlineData("VALID", 32, 1, 3, 2, 28)]
    [InlineData("NOTSET", 32, 1, 3, 1, 30)]
    public void ConvAutoPad(string autoPad, long size, long stride, long kernel, long dilation, long expected)
    {
        var g = new GraphBuilder();
        var x = g.Input("x", "N", 2, size, size);
        var y = g.Op("Conv", [x, g.Random("w1", [4, 2, kernel, kernel])], Attribute.String("auto_pad", autoPad),
            Attribute.Ints("strides", [stride, stride]), Attribute.Ints("dilations", [dilation, dilation]));
        g.Infer();
        Assert.Equal($"tensor(float)[N,4,{expected},{expected}]", y.Type?.ToString());
    }

    [Fact]
    public void GroupedConvChecksChannelsAgainstTheWeights()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", "N", 32, 14, 14);
        var depthwise = g.Op("Conv", [x, g.Random("w2", [32, 1, 3, 3])], Attribute.Int("group", 32), Attribute.Ints("pads", [1, 1, 1, 1]));
        var wrong = g.Op("Conv", [x, g.Random("w3", [32, 2, 3, 3])], Attribute.Int("group", 32));
        var report = g.Infer();
        Assert.Equal("tensor(float)[N,32,14,14]", depthwise.Type?.ToString());
        var diagnostic = Assert.Single(report.Diagnostics);
        Assert.Equal("main/Conv#1", diagnostic.NodePath);
        Assert.Contains("32 channels", diagnostic.Message);
        // The element type still follows from the schema; the shape is left unknown.
        Assert.Equal("tensor(float)", wrong.Type?.ToString());
    }

    [Fact]
    public void ConvWithUnknownSpatialSizeKeepsTheOthers()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", "N", 3, "H", 64);
        var y = g.Op("Conv", [x, g.Random("w4", [8, 3, 3, 3])]);
        g.Infer();
        Assert.Equal("tensor(float)[N,8,?,62]", y.Type?.ToString());
    }

    [Fact]
    public void ConvTransposeGrowsBySrideAndOutputPaddingOrTakesOutputShape()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", "N", 8, 10, 10);
        var w = g.Random("w5", [8, 4, 3, 3]);
        // 2 * (10 - 1) + 1 + 3 - (1 + 1) = 20; group 2 doubles the 4 output channels per group.
        var grown = g.Op("ConvTranspose", [x, w], Attribute.Ints("strides", [2, 2]), Attribute.Ints("pads", [1, 1, 1, 1]),
            Attribute.Ints("output_padding", [1, 1]), Attribute.Int("group", 2));
        var given = g.Op("ConvTranspose", [x, w], Attribute.Ints("strides", [2, 2]), Attribute.Ints("output_shape", [21, 21]));
        var same = g.Op("ConvTranspose", [x, w], Attribute.Ints("strides", [2, 2]), Attribute.String("auto_pad", "SAME_UPPER"));
        g.Infer();
        Assert.Equal("tensor(float)[N,8,20,20]", grown.Type?.ToString());
        Assert.Equal("tensor(float)[N,4,21,21]", given.Type?.ToString());
        Assert.Equal("tensor(float)[N,4,20,20]", same.Type?.ToString());
    }

    [Fact]
    public void MaxPoolWithPaddingAndItsIndices()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", "N", 64, 112, 112);
        // (112 + 1 + 1 - 3) / 2 + 1 = 56
        var pool = g.AddNode("MaxPool", [x], [Attribute.Ints("kernel_shape", [3, 3]), Attribute.Ints("strides", [2, 2]), Attribute.Ints("pads", [1, 1, 1, 1])], outputCount: 2);
        g.Infer();
        Assert.Equal("tensor(float)[N,64,56,56]", pool.Outputs[0].Type?.ToString());
        Assert.Equal("tensor(int64)[N,64,56,56]", pool.Outputs[1].Type?.ToString());
    }

    [Theory]
    // floor((6 - 3) / 2) + 1 = 2; ceil gives 3 and the last window starts at 4, inside the input.
    [InlineData(6, 3, 2, 0, 0, 2)]
    [InlineData(6, 3, 2, 0, 1, 3)]
    // With pads 1: ceil((5 + 2 - 2) / 2) + 1 = 4, but that window would start at 6, in the end padding: dropped.
    [InlineData(5, 2, 2, 1, 1, 3)]
    [InlineData(5, 2, 2, 1, 0, 3)]
    // 32x32 with kernel 2 stride 3: floor(30 / 3) + 1 = 11, ceil gives 11 too (30 is divisible).
    [InlineData(32, 2, 3, 0, 1, 11)]
    [InlineData(31, 2, 3, 0, 1, 11)]
    [InlineData(31, 2, 3, 0, 0, 10)]
    public void PoolCeilMode(long size, long kernel, long stride, long pad, long ceilMode, long expected)
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 1, 1, size);
        var y = g.Op("AveragePool", [x], Attribute.Ints("kernel_shape", [kernel]), Attribute.Ints("strides", [stride]),
            Attribute.Ints("pads", [pad, pad]), Attribute.Int("ceil_mode", ceilMode));
        g.Infer();
        Assert.Equal($"tensor(float)[1,1,{expected}]", y.Type?.ToString());
    }

    [Fact]
    public void GlobalPoolsKeepBatchAndChannels()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", "N", 2048, 7, 7);
        var average = g.Op("GlobalAveragePool", [x]);
        var max = g.Op("GlobalMaxPool", [x]);
        g.Infer();
        Assert.Equal("tensor(float)[N,2048,1,1]", average.Type?.ToString());
        Assert.Equal("tensor(float)[N,2048,1,1]", max.Type?.ToString());
    }

    [Fact]
    public void KernelLargerThanInputIsReported()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 1, 1, 2, 2);
        g.Op("MaxPool", [x], Attribute.Ints("kernel_shape", [3, 3]));
        var report = g.Infer();
        var diagnostic = Assert.Single(report.Diagnostics);
        Assert.Equal("main/MaxPool#0", diagnostic.NodePath);
        Assert.Contains("larger than the padded input", diagnostic.Message);
    }
}
