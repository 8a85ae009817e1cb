using OnnxKit.Ir;
using OnnxKit.Serialization;
using OnnxKit.Serialization.NumPy;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Tests.Serialization;

public sealed class TensorFilesTests
{
    [Fact]
    public void Reads_named_files_and_npz_archives()
    {
        using var dir = new TempFolder();
        var x = DenseTensor.FromFloats([1, 2], [2]);
        string written = TensorFiles.Write(dir.Path, "x", x, TensorFileFormat.Pb);
        NpzFile.Write(dir.File("all.npz"), [new("a", x), new("b", DenseTensor.FromInt64s([5], [1]))]);
        var one = TensorFiles.ReadInputArgument($"image={written}").Single();
        Assert.Equal("image", one.Key);
        Assert.Equal([1f, 2], one.Value.ToArray<float>());
        Assert.Equal(["a", "b"], TensorFiles.ReadInputArgument(dir.File("all.npz")).Select(p => p.Key));
    }

    [Theory]
    [InlineData("x.txt", "must end in .npy or .pb")]
    [InlineData("noequals.npy", "give NAME=FILE")]
    [InlineData("=a.npy", "name before '=' is empty")]
    public void Explains_arguments_it_cannot_use(string argument, string expected)
    {
        var e = Assert.Throws<OnnxKitException>(() => TensorFiles.ReadInputArgument(argument.Contains('=') || argument.EndsWith(".npy") ? argument : "x=" + argument).ToList());
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("logits", "logits")]
    [InlineData("encoder/layer.0:out", "encoder_layer.0_out")]
    [InlineData("..", "_..")]
    public void Output_names_become_safe_file_names(string name, string expected) =>
        Assert.Equal(expected, TensorFiles.FileNameFor(name));
}
