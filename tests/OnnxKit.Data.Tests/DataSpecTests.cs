namespace OnnxKit.Data.Tests;

public sealed class DataSpecTests
{
    [Theory]
    [InlineData("fashion-mnist", DataSpecKind.FashionMnist, "test")]
    [InlineData("fashion-mnist:train", DataSpecKind.FashionMnist, "train")]
    [InlineData("fashion-mnist:test", DataSpecKind.FashionMnist, "test")]
    [InlineData("data/eval.npz", DataSpecKind.Npz, null)]
    [InlineData("houses.CSV", DataSpecKind.Csv, null)]
    [InlineData("mnist/t10k-images-idx3-ubyte.gz", DataSpecKind.Idx, null)]
    [InlineData("some/folder/", DataSpecKind.Folder, null)]
    public void Parses_each_form(string text, DataSpecKind kind, string? split)
    {
        var spec = DataSpec.Parse(text);
        Assert.Equal(kind, spec.Kind);
        Assert.Equal(split, spec.Split);
    }

    [Fact]
    public void The_fashion_mnist_shorthand_points_at_the_installed_folder()
    {
        var spec = DataSpec.Parse("fashion-mnist:train");
        Assert.Equal(FashionMnist.DefaultDirectory, spec.Path);
        Assert.Equal("fashion-mnist:train", spec.ToString());
    }

    [Theory]
    [InlineData("fashion-mnist:validation", "splits 'train' and 'test'")]
    [InlineData("model.onnx", "no kind of data")]
    [InlineData("  ", "empty")]
    public void Rejects_what_it_cannot_read_with_the_reason(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => DataSpec.Parse(text)).Message);
}
