using System.Text.Json;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Cli.Tests;

/// <summary>
/// Accuracy on real labelled data: the zoo's LeNet-5 and MNIST MLP with the weights PyTorch trained on
/// Fashion-MNIST (models/weights/fashion-mnist, test accuracy in training.json), exported, quantized
/// with calibration on 1,000 training images, and measured by the quantizer on all 10,000 test images.
/// The float figure must be PyTorch's (an independent check that export and data path are right);
/// static INT8 may lose at most 0.5 points of top-1, dynamic at most 0.3, and the accuracy budget must
/// meet 0.2 points, here also on 4-bit per-tensor weights, which lose more than that until layers go
/// back to float.
/// </summary>
public sealed class TrainedModelQuantizationTests
{
    private static readonly string Weights = Path.Combine(RepositoryPaths.Root, "models", "weights", "fashion-mnist");

    public static TheoryData<string, string, double> Limits => new()
    {
        { "lenet5", "static", 0.5 },
        { "lenet5", "dynamic", 0.3 },
        { "mnist-mlp-128", "static", 0.5 },
        { "mnist-mlp-128", "dynamic", 0.3 },
    };

    [FashionMnistTheory]
    [MemberData(nameof(Limits))]
    public void Quantized_models_keep_their_fashion_mnist_accuracy(string model, string mode, double maxDrop)
    {
        using var dir = new TempFolder();
        string exported = Export(dir, model, 17);
        string[] calibration = mode == "static" ? ["--calibration-data", "fashion-mnist:train", "--calibration-samples", "1000"] : [];

        var report = Quantize(exported, dir.File("q.onnx"), ["--mode", mode, .. calibration]);

        var verification = report.GetProperty("verification");
        double floatAccuracy = verification.GetProperty("floatAccuracy").GetDouble(), accuracy = verification.GetProperty("quantizedAccuracy").GetDouble();
        Assert.Equal(100 * TrainedAccuracy(model), floatAccuracy, 0.05);
        Assert.True(floatAccuracy - accuracy <= maxDrop, $"{model} {mode}: {floatAccuracy}% → {accuracy}%");
        Assert.Equal(10_000, verification.GetProperty("samples").GetInt64());
    }

    [FashionMnistTheory]
    [InlineData("lenet5")]
    public void The_accuracy_budget_puts_layers_back_to_float_until_a_fifth_of_a_point_holds(string model)
    {
        using var dir = new TempFolder();
        string exported = Export(dir, model, 21);

        var report = Quantize(exported, dir.File("q.onnx"),
            ["--calibration-data", "fashion-mnist:train", "--calibration-samples", "500", "--weight-type", "s4", "--per-channel", "false", "--max-accuracy-drop", "0.2"]);

        var start = report.GetProperty("budgetStart");
        Assert.True(start.GetProperty("floatAccuracy").GetDouble() - start.GetProperty("quantizedAccuracy").GetDouble() > 0.2);
        var steps = report.GetProperty("budget").EnumerateArray().ToList();
        Assert.NotEmpty(steps);
        Assert.True(steps[^1].GetProperty("met").GetBoolean());
        Assert.All(steps.SkipLast(1), s => Assert.False(s.GetProperty("met").GetBoolean()));
        var verification = report.GetProperty("verification");
        Assert.True(verification.GetProperty("floatAccuracy").GetDouble() - verification.GetProperty("quantizedAccuracy").GetDouble() <= 0.2);
    }

    /// <summary>A theory that reads Fashion-MNIST; skipped, saying what is missing, where Debian's dataset-fashion-mnist is not installed.</summary>
    private sealed class FashionMnistTheoryAttribute : TheoryAttribute
    {
        public FashionMnistTheoryAttribute()
        {
            Skip = OnnxKit.Data.FashionMnist.MissingReason("train") ?? OnnxKit.Data.FashionMnist.MissingReason("test");
        }
    }

    private static string Export(TempFolder dir, string model, int opset)
    {
        string path = dir.File($"{model}.onnx");
        var result = CliRunner.Run("export", model, "--opset", opset.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", path,
            "--weights", Path.Combine(Weights, $"{model}.npz"));
        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        return path;
    }

    private static JsonElement Quantize(string input, string output, string[] options)
    {
        var result = CliRunner.Run(["quantize", input, "-o", output, "--eval-data", "fashion-mnist:test", "--scale", "1/255", "--json", .. options]);
        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        return JsonDocument.Parse(result.Output).RootElement.GetProperty("quantization").Clone();
    }

    private static double TrainedAccuracy(string model)
    {
        using var training = JsonDocument.Parse(File.ReadAllText(Path.Combine(Weights, "training.json")));
        return training.RootElement.GetProperty(model).GetProperty("testAccuracy").GetDouble();
    }
}
