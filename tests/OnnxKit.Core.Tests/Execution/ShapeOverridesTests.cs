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
    public void Symbols_are_sized_and_open_dims_default_to_one_with_a_note()
    {
        var notes = new List<string>();
        Assert.Equal([8L, 3, 1, 1], ShapeOverrides.Parse(["batch=8"]).Resolve(Image, notes));
        Assert.Equal(2, notes.Count);
        Assert.Contains("dim 'h' is not fixed; using 1", notes[0]);
        Assert.Contains("dim 3 is not fixed", notes[1]);
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
