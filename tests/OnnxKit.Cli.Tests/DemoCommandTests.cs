using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Cli.Tests;

/// <summary><c>onnxkit demo</c> end to end: every variant written and benchmarked, the INT8 one calibrated on the shipped images.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public void The_demo_writes_and_benches_an_int8_variant_calibrated_on_shipped_images()
    {
        using var dir = new TempFolder();

        var result = CliRunner.Run("demo", "-o", dir.Path, "--iterations", "5");

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("int8", result.Output);
        Assert.Contains("calibrated on 128 Fashion-MNIST images", result.Output);
        Assert.Contains("4 variant(s)", result.Output);
        Assert.Contains("fashion-mnist-sample.npz", dir.FileNames());
        var int8 = OnnxFile.Load(dir.File("composable-featurepool-learner.int8.onnx"));
        Assert.Contains(int8.Graph.Nodes, n => n.OpType == "QuantizeLinear");
        Assert.DoesNotContain(int8.Graph.Nodes, n => n.OpType == "BatchNormalization");
    }
}
