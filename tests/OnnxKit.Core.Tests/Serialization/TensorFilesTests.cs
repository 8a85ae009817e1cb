using OnnxKit.Serialization;

namespace OnnxKit.Tests.Serialization;

public sealed class TensorFilesTests
{
    [Theory]
    [InlineData("logits", "logits")]
    [InlineData("encoder/layer.0:out", "encoder_layer.0_out")]
    [InlineData("..", "_..")]
    public void Output_names_become_safe_file_names(string name, string expected) =>
        Assert.Equal(expected, TensorFiles.FileNameFor(name));
}
