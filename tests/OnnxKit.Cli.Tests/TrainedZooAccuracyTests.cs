using System.Text.Json;
using OnnxKit.Data.Tests.TestSupport;
using OnnxKit.Tests.TestSupport;
using Xunit.Abstractions;

namespace OnnxKit.Cli.Tests;

/// <summary>
/// The zoo's trained 28×28 models (weights in models/weights/fashion-mnist, trained by
/// tools/train_fashion_mnist.py with PyTorch) exported to ONNX at opsets 7, 13 and 21 and
/// evaluated on the Fashion-MNIST test set give the accuracy PyTorch measured, to 0.05 points;
/// the three exports also agree with each other on every example.
/// </summary>
public sealed class TrainedZooAccuracyTests(ITestOutputHelper output) : IDisposable
{
    private const double Tolerance = 0.0005; // 0.05 percentage points
    private static readonly int[] Opsets = [7, 13, 21];
    private static readonly string WeightsFolder = Path.Combine(RepositoryPaths.Root, "models", "weights", "fashion-mnist");
    private readonly TempFolder dir = new();

    public static TheoryData<string> Models() => new(TrainingRecord().RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

    [Fact]
    public void The_trained_models_include_the_required_ones() =>
        Assert.Superset(new HashSet<string> { "lenet5", "mnist-mlp-128", "distillation-teacher", "distillation-student" },
            TrainingRecord().RootElement.EnumerateObject().Select(p => p.Name).ToHashSet());

    [FashionMnistTheory]
    [MemberData(nameof(Models))]
    public void Onnx_exports_at_three_opsets_give_the_accuracy_pytorch_measured(string model)
    {
        var record = TrainingRecord().RootElement.GetProperty(model);
        double expected = record.GetProperty("testAccuracy").GetDouble();
        var files = Opsets.Select(opset =>
        {
            string file = dir.File($"{model}-opset{opset}.onnx");
            var export = InProcessCli.Run("export", model, "--opset", opset.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", file,
                "--weights", Path.Combine(WeightsFolder, model + ".npz"));
            Assert.True(export.ExitCode == 0, export.Error);
            return file;
        }).ToArray();

        var eval = InProcessCli.Run(["eval", .. files, "--data", "fashion-mnist:test", "--scale", "1/255", "--json", "-"]);
        Assert.True(eval.ExitCode == 0, eval.Error);

        using var json = JsonDocument.Parse(eval.Output);
        var models = json.RootElement.GetProperty("models").EnumerateArray().ToArray();
        for (int i = 0; i < Opsets.Length; i++)
        {
            double accuracy = models[i].GetProperty("accuracy").GetDouble();
            output.WriteLine($"{model} opset {Opsets[i]}: ONNX Runtime {accuracy:P2}, {record.GetProperty("framework").GetString()} {expected:P2}");
            Assert.True(Math.Abs(accuracy - expected) <= Tolerance, $"{model} at opset {Opsets[i]}: {accuracy:P3} on ONNX Runtime, {expected:P3} in PyTorch");
        }
        foreach (var comparison in json.RootElement.GetProperty("comparisons").EnumerateArray())
            Assert.True(comparison.GetProperty("changed").GetInt64() <= 2, $"{comparison.GetProperty("model")}: {comparison.GetProperty("changed")} predictions differ from opset 7's");
    }

    private static JsonDocument TrainingRecord() => JsonDocument.Parse(File.ReadAllText(Path.Combine(WeightsFolder, "training.json")));

    public void Dispose() => dir.Dispose();
}
