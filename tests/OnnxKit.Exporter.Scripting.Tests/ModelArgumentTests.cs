using OnnxKit.Models;

namespace OnnxKit.Exporter.Scripting.Tests;

public sealed class ModelArgumentTests
{
    [Fact]
    public void ScriptsFilesAndZooNamesAreToldApartByTheirForm()
    {
        string existing = Path.GetTempFileName();
        try
        {
            var options = new ZooOptions { Classes = 3 };
            Assert.Equal(new ModelArgument.DslModel(new ModelSource.Script("model.CSX")), ModelArgument.Parse("model.CSX"));
            Assert.Equal(new ModelArgument.OnnxFile("missing.onnx"), ModelArgument.Parse("missing.onnx"));
            Assert.Equal(new ModelArgument.OnnxFile(existing), ModelArgument.Parse(existing));
            Assert.Equal(new ModelArgument.DslModel(new ModelSource.Zoo("vgg16", options)), ModelArgument.Parse("vgg16", options));
            Assert.Equal("model.CSX", ModelArgument.Parse("model.CSX").FilePath);
            Assert.Null(ModelArgument.Parse("vgg16").FilePath);
        }
        finally
        {
            File.Delete(existing);
        }
    }
}
