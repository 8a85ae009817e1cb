using OnnxKit.Exporter;
using OnnxKit.Exporter.Export;
using OnnxKit.Models.Blocks;

namespace OnnxKit.Models.Tests;

public sealed class BlockNumericsTests
{
    [Fact]
    public void GaussianKernelMatchesTheSourceFixture()
    {
        // docs/model-zoo.md: kernel_size 3, nsig 3, to six decimals.
        double[] expected = [0.037222, 0.118486, 0.037222, 0.118486, 0.377168, 0.118486, 0.037222, 0.118486, 0.037222];
        var kernel = GaussianKernel.Create(3, 3);
        for (int i = 0; i < 9; i++) Assert.Equal(expected[i], kernel[i], 6);
        Assert.Equal(0.150616, GaussianKernel.Create(5, 5)[12], 6);
        Assert.Equal(0.007563, GaussianKernel.Create(21, 21)[10 * 21 + 10], 6);
    }

    [Fact]
    public void GaussianFilterBlursEveryChannelWithTheFixedKernel()
    {
        var model = ModelZoo.Create("gaussian-filter", new ZooOptions { Channels = 2, ImageSize = 5 });
        var x = OrtRunner.RandomData(2 * 25, 3);
        var kernel = GaussianKernel.Create(3, 3).Select(v => (float)v).ToArray();
        var (expected, _, _) = NaiveOps.Conv2D(x, 1, 2, 5, 5, [.. kernel, .. kernel], null, 2, 3, 3, 1, 1, 1, 1, 5, 5, groups: 2);
        foreach (int opset in new[] { 7, 17, 26 })
            NumericAssert.Close(expected, OrtRunner.Run(model.ToOnnx(new ExportOptions { Opset = opset }), (x, [1, 2, 5, 5]))[0], what: $"opset {opset}");
    }

    [Fact]
    public void ThresholdBlockEqualsClipAtEveryComparisonForm()
    {
        var model = ModelZoo.Create("threshold-block", new ZooOptions { ImageSize = 4 });
        // Values on both sides of each bound and exactly on them.
        var x = OrtRunner.RandomData(3 * 16, 5);
        x[0] = 0.25f;
        x[1] = 0.75f;
        var expected = x.Select(v => Math.Clamp(v, 0.25f, 0.75f)).ToArray();
        foreach (int opset in new[] { 7, 11, 12, 26 })
            Assert.Equal(expected, OrtRunner.Run(model.ToOnnx(new ExportOptions { Opset = opset }), (x, [1, 3, 4, 4]))[0]);
    }

    [Fact]
    public void ThresholdBlockUsesGreaterOrEqualFromOpset12()
    {
        var model = ModelZoo.Create("threshold-block");
        Assert.DoesNotContain(model.ToOnnx(new ExportOptions { Opset = 11 }).Graph.Nodes, n => n.OpType == "GreaterOrEqual");
        Assert.Contains(model.ToOnnx(new ExportOptions { Opset = 12 }).Graph.Nodes, n => n.OpType == "GreaterOrEqual");
    }

    [Fact]
    public void TeacherOutputIsTheMeanOfItsMembers()
    {
        var teacher = ModelZoo.Create("distillation-teacher", new ZooOptions { ImageSize = 8 });
        var x = OrtRunner.RandomData(2 * 64, 9);
        var members = teacher.Sublayers.OfType<Exporter.Networks.Network>().ToArray();
        var options = new ExportOptions { Opset = 17, Seed = 4 };
        var memberOutputs = members.Select(m => OrtRunner.Run(m.ToOnnx(options), (x, [2, 1, 8, 8]))[0]).ToArray();
        var expected = Enumerable.Range(0, 20).Select(i => memberOutputs.Average(o => o[i])).Select(v => (float)v).ToArray();
        NumericAssert.Close(expected, OrtRunner.Run(teacher.ToOnnx(options), (x, [2, 1, 8, 8]))[0]);
    }
}
