namespace OnnxKit.Exporter.Tests;

public sealed class LayerNamesTests
{
    [Theory]
    [InlineData("Dense", "dense")]
    [InlineData("ReLU", "re_lu")]
    [InlineData("Conv2D", "conv2d")]
    [InlineData("MaxPooling2D", "max_pooling2d")]
    [InlineData("BatchNormalization", "batch_normalization")]
    [InlineData("GlobalAveragePooling2D", "global_average_pooling2d")]
    [InlineData("DepthwiseConv2D", "depthwise_conv2d")]
    [InlineData("Conv2DTranspose", "conv2d_transpose")]
    [InlineData("ZeroPadding2D", "zero_padding2d")]
    [InlineData("UpSampling2D", "up_sampling2d")]
    public void SnakeCaseMatchesKeras(string className, string expected) => Assert.Equal(expected, LayerNames.ToSnakeCase(className));

    [Fact]
    public void AutomaticNamesCountPerKindAndInputsCountFromOne()
    {
        using var scope = LayerNames.NewScope();
        var input = Layers.Input(4);
        Assert.Equal("input_1", input.Layer.Name);
        Assert.Equal("dense", Layers.Dense(2).Name);
        Assert.Equal("dense_1", Layers.Dense(2).Name);
        Assert.Equal("re_lu", Layers.ReLU().Name);
        Assert.Equal("input_2", Layers.Input(4).Layer.Name);
        Assert.Equal("mine", Layers.Dense(2, name: "mine").Name);
    }

    [Fact]
    public void ScopesStartFreshAndRestoreTheOuterCounters()
    {
        using var outer = LayerNames.NewScope();
        Assert.Equal("dense", Layers.Dense(1).Name);
        using (LayerNames.NewScope())
        {
            Assert.Equal("dense", Layers.Dense(1).Name);
        }
        Assert.Equal("dense_1", Layers.Dense(1).Name);
    }
}
