using OnnxKit.Exporter.Export;
using OnnxKit.Inspection;
using OnnxKit.Serialization;

namespace OnnxKit.Models.Tests;

/// <summary>The summary of an exported file reproduces the DSL model's summary.</summary>
public sealed class FileSummaryTests
{
    [Theory]
    [InlineData("mnist-mlp-64")]
    [InlineData("residual-mlp")]
    [InlineData("composable-maxpool-learner")]
    [InlineData("distillation-teacher")]
    [InlineData("resnet50-v1")]
    [InlineData("mobilenet-v2")]
    public void FileSummaryMatchesTheModelSummary(string name)
    {
        var model = ModelZoo.Create(name, new ZooOptions { ImageSize = name.StartsWith("resnet", StringComparison.Ordinal) || name.StartsWith("mobilenet", StringComparison.Ordinal) ? 32 : null });
        var expected = model.SummaryReport();
        var file = ModelSummarizer.Summarize(OnnxFile.Load(OnnxFile.ToBytes(model.ToOnnx(new ExportOptions { Opset = 13 }))), SummaryGrouping.Layers);
        Assert.Equal(expected.TotalParameters, file.TotalParameters);
        Assert.Equal(expected.TrainableParameters, file.TrainableParameters);
        var expectedRows = expected.Rows.Where(r => r.Type != "InputLayer").Select(r => (r.Name, r.Type, r.Parameters)).ToArray();
        var fileRows = file.Rows.Where(r => r.Type != "InputLayer").Select(r => (r.Name, r.Type, r.Parameters)).ToArray();
        Assert.Equal(expectedRows, fileRows);
    }

    [Fact]
    public void SequentialFileSummaryHasKerasShapes()
    {
        var model = ModelZoo.Create("dnn-regressor");
        var file = ModelSummarizer.Summarize(OnnxFile.Load(OnnxFile.ToBytes(model.ToOnnx())), SummaryGrouping.Layers);
        Assert.True(file.SequentialLike);
        Assert.Equal(["(None, 10)", "(None, 10)", "(None, 10)", "(None, 10)", "(None, 1)"], file.Rows.Skip(1).Select(r => r.OutputShape));
        Assert.Contains("Total params: 261", file.Render());
    }
}
