using OnnxKit.Schemas;

namespace OnnxKit.Tests.Schemas;

public sealed class OpsetSupportTests
{
    [Theory]
    [InlineData(1, 3)]
    [InlineData(8, 3)]
    [InlineData(9, 4)]
    [InlineData(11, 6)]
    [InlineData(13, 7)]
    [InlineData(18, 8)]
    [InlineData(21, 10)]
    [InlineData(23, 11)]
    [InlineData(24, 12)]
    [InlineData(26, 13)]
    [InlineData(28, 13)]
    public void MinIrVersionForOpset_follows_the_onnx_release_table(int opset, int irVersion) =>
        Assert.Equal(irVersion, OpsetSupport.MinIrVersionForOpset(opset));

    [Theory]
    [InlineData(3, 8)]
    [InlineData(4, 9)]
    [InlineData(7, 14)]
    [InlineData(8, 18)]
    [InlineData(10, 22)]
    [InlineData(12, 24)]
    [InlineData(13, 28)]
    [InlineData(14, 28)]
    public void MaxOpsetForIrVersion_follows_the_onnx_release_table(int irVersion, int opset) =>
        Assert.Equal(opset, OpsetSupport.MaxOpsetForIrVersion(irVersion));

    [Fact]
    public void Out_of_table_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OpsetSupport.MinIrVersionForOpset(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => OpsetSupport.MinIrVersionForOpset(OpsetSupport.NewestKnownOpset + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => OpsetSupport.MaxOpsetForIrVersion(2));
    }

    [Fact]
    public void Each_opset_is_allowed_by_its_minimum_ir_version()
    {
        for (var opset = 1; opset <= OpsetSupport.NewestKnownOpset; opset++)
        {
            var irVersion = OpsetSupport.MinIrVersionForOpset(opset);
            Assert.True(OpsetSupport.MaxOpsetForIrVersion(irVersion) >= opset, $"opset {opset}");
            if (irVersion > 3)
            {
                Assert.True(OpsetSupport.MaxOpsetForIrVersion(irVersion - 1) < opset, $"opset {opset}");
            }
        }
    }

    [Fact]
    public void Policy_bounds_are_consistent_with_each_other_and_the_schema_table()
    {
        Assert.InRange(OpsetSupport.MinOpset, 1, OpsetSupport.MaxOpset);
        Assert.InRange(OpsetSupport.MaxOpset, 1, OpsetSupport.NewestKnownOpset);
        Assert.InRange(OpsetSupport.MinIrVersionForOpset(OpsetSupport.MaxOpset), 3, OpsetSupport.MaxIrVersion);
        Assert.Equal(OpsetSupport.NewestKnownOpset, OpSchemaRegistry.Default.NewestOpset(""));
        Assert.InRange(OpsetSupport.MaxMlOpset, 1, OpSchemaRegistry.Default.NewestOpset("ai.onnx.ml")!.Value);
    }
}
