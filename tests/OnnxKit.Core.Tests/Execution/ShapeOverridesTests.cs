using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Tests.Execution;

public sealed class ShapeOverridesTests
{
    private static readonly TensorSpec Image = new("image", DataType.Float, new Shape(Dim.Named("batch"), 3, Dim.Named("h"), Dim.Unknown()));

    [Fact]
    public void A_full_shape_names_the_input()
    {
        var notes = new List<string>();
        Assert.Equal([2L, 3, 224, 224], ShapeOverrides.Parse(["image=2x3x224x224"]).Resolve(Image, notes));
        Assert.Empty(notes);
    }

    [Fact]
    public void Symbols_are_sized_and_open_dims_take_the_default_rule_with_a_note()
    {
        var notes = new List<string>();
        Assert.Equal([8L, 3, 224, 224], ShapeOverrides.Parse(["batch=8"]).Resolve(Image, notes));
        Assert.Equal(2, notes.Count);
        Assert.Contains("dim 'h' is not fixed; using 224 (image size; set it with --shape h=...)", notes[0]);
        Assert.Contains("dim 3 is not fixed; using 224 (image size", notes[1]);
    }

    [Theory]
    [InlineData(new long[] { -1, 3, -1, -1 }, new long[] { 1, 3, 224, 224 })] // NCHW image, e.g. PaddleOCR det
    [InlineData(new long[] { -1, 3, 48, -1 }, new long[] { 1, 3, 48, 224 })] // text-line image: fixed height, open width
    [InlineData(new long[] { -1, -1, -1, 3 }, new long[] { 1, 224, 224, 3 })] // NHWC image
    [InlineData(new long[] { -1, -1 }, new long[] { 1, 512 })] // [batch, samples]: audio (Silero VAD) or tokens
    [InlineData(new long[] { 2, -1, 128 }, new long[] { 2, 1, 128 })] // a recurrent state: no rule, 1
    [InlineData(new long[] { -1 }, new long[] { 1 })]
    public void Open_dims_default_by_the_kind_of_input(long[] declared, long[] expected)
    {
        var spec = new TensorSpec("x", DataType.Float, new Shape(declared.Select(d => d < 0 ? Dim.Unknown() : Dim.Of(d))));
        Assert.Equal(expected, ShapeOverrides.None.Resolve(spec, new List<string>()));
    }

    [Fact]
    public void Named_batch_height_and_width_dims_follow_their_names()
    {
        var spec = new TensorSpec("x", DataType.Float, new Shape(Dim.Named("height"), Dim.Named("width"), Dim.Named("batch_size")));
        Assert.Equal([224L, 224, 1], ShapeOverrides.None.Resolve(spec, new List<string>()));
    }

    [Theory]
    [InlineData("image", "expected NAME=DIMS")]
    [InlineData("=4", "expected NAME=DIMS")]
    [InlineData("image=1x-3", "'-3' is not a non-negative integer")]
    [InlineData("image=1xx3", "'' is not a non-negative integer")]
    public void Malformed_options_are_explained(string spec, string expected)
    {
        var e = Assert.Throws<OnnxKitException>(() => ShapeOverrides.Parse([spec]));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_shape_that_contradicts_the_model_is_refused()
    {
        var e = Assert.Throws<OnnxKitException>(() => ShapeOverrides.Parse(["image=1x4x8x8"]).Resolve(Image, new List<string>()));
        Assert.Contains("does not fit input image: float[batch,3,h,?]", e.Message);
        Assert.Throws<OnnxKitException>(() => ShapeOverrides.Parse(["a=1", "a=2"]));
    }
}
