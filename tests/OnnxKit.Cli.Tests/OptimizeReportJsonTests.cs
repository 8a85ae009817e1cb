using System.Text.Json;
using OnnxKit.Cli.Rendering;
using OnnxKit.Optimizer;
using OnnxKit.Optimizer.Float16;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Cli.Tests;

/// <summary>
/// <c>optimize</c>'s JSON (source-generated, so the native front end can serve the command) is byte for byte what the
/// reflection-based <see cref="JsonOutput.Options"/> wrote for the same report before.
/// </summary>
public sealed class OptimizeReportJsonTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Optimization_report_matches_the_reflection_serializer(bool float16)
    {
        using var dir = new TempFolder();
        string model = dir.File("dense.onnx");
        OnnxFile.Save(TestModels.Dense(), model);
        var report = ModelFileOptimizer.Optimize(new OptimizeFileRequest
        {
            InputPath = model,
            OutputPath = dir.File("dense.opt.onnx"),
            VerifyEachPass = true,
            Options = new OptimizeOptions { Float16 = float16 ? new Float16Options() : null },
        });
        Assert.NotNull(report.Optimization.Verification);
        Assert.Equal(float16, report.Optimization.Float16 is not null);
        Assert.Equal(JsonSerializer.Serialize(report, JsonOutput.Options), JsonSerializer.Serialize(report, FrontEndReportJson.Default.FileOptimizationReport));
    }

    [Fact]
    public void Pass_list_matches_the_reflection_serializer_with_levels_as_names()
    {
        var passes = PassRegistry.Default.Passes;
        string generated = JsonSerializer.Serialize(passes, FrontEndReportJson.Default.IReadOnlyListPassInfo);
        Assert.Equal(JsonSerializer.Serialize(passes, JsonOutput.Options), generated);
        Assert.Contains("\"level\": \"Basic\"", generated);
    }
}
