using System.Text.Json;
using OnnxKit.Ir;
using OnnxKit.Serialization.NumPy;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Cli.Tests;

/// <summary>
/// <c>--validation-split N</c> of train and distill holds out the last N training examples: a run
/// with it computes exactly what the same run computes with those examples given separately as
/// <c>--validation</c> (the independent path: two data files), and bad splits are refused.
/// The labels-only baseline of <c>distill --baseline</c> is the run <c>train</c> makes with the same recipe.
/// </summary>
public sealed class ValidationSplitCommandTests : IDisposable
{
    private const int Examples = 40, HeldOut = 10;
    private readonly TempFolder dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>Seeded 28×28 images with labels 0–9: all of them, the first 30 and the last 10, each as a .npz file.</summary>
    private (string All, string First, string Last) Data()
    {
        var random = new Random(3);
        var x = Enumerable.Range(0, Examples * 28 * 28).Select(_ => (float)random.NextDouble()).ToArray();
        var y = Enumerable.Range(0, Examples).Select(i => (long)(i % 10)).ToArray();
        string Write(string name, int start, int count)
        {
            string path = dir.File(name);
            NpzFile.Write(path, [new("x", DenseTensor.FromFloats(x[(start * 784)..((start + count) * 784)], [count, 28, 28])),
                new("y", DenseTensor.FromInt64s(y[start..(start + count)], [count]))]);
            return path;
        }
        return (Write("all.npz", 0, Examples), Write("first.npz", 0, Examples - HeldOut), Write("last.npz", Examples - HeldOut, HeldOut));
    }

    private static JsonElement Json(CliRunner.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Output).RootElement.Clone();
    }

    private static double[][] Figures(JsonElement epochs, string name) =>
        epochs.EnumerateArray().Select(e => new[] { e.GetProperty(name).GetDouble() }).ToArray();

    [Fact]
    public void Train_with_a_split_equals_training_on_the_first_examples_validated_on_the_last()
    {
        var (all, first, last) = Data();
        string[] common = ["train", "distillation-student", "--epochs", "2", "--batch", "8", "--seed", "4", "--threads", "1", "--json"];
        var split = Json(InProcessCli.Run([.. common, "--data", all, "--validation-split", $"{HeldOut}", "-o", dir.File("split.onnx")]));
        var separate = Json(InProcessCli.Run([.. common, "--data", first, "--validation", last, "-o", dir.File("separate.onnx")]));
        Assert.Equal(Examples - HeldOut, split.GetProperty("trainExamples").GetInt32());
        foreach (var figure in new[] { "loss", "accuracy", "val_loss", "val_accuracy" })
            Assert.Equal(Figures(separate.GetProperty("epochs"), figure), Figures(split.GetProperty("epochs"), figure));
        Assert.Equal(File.ReadAllBytes(dir.File("separate.onnx")), File.ReadAllBytes(dir.File("split.onnx")));
    }

    [Fact]
    public void Distill_with_a_split_validates_on_the_last_examples_with_their_soft_targets()
    {
        var (all, first, last) = Data();
        string teacher = dir.File("teacher.onnx");
        Assert.Equal(0, InProcessCli.Run("export", "distillation-student", "-o", teacher).ExitCode);
        string[] common = ["distill", "--teacher", teacher, "--student", "distillation-student", "--temperature", "3", "--alpha", "0.7",
            "--epochs", "2", "--batch", "8", "--seed", "4", "--threads", "1", "--baseline", "--test", last, "--json"];
        var split = Json(InProcessCli.Run([.. common, "--data", all, "--validation-split", $"{HeldOut}", "-o", dir.File("split.onnx")]));
        var separate = Json(InProcessCli.Run([.. common, "--data", first, "--validation", last, "-o", dir.File("separate.onnx")]));
        foreach (var history in new[] { "studentEpochs", "baselineEpochs" })
        {
            // The split reuses the soft targets computed over all 40 examples; the separate run
            // computes the last 10's on their own: the same values up to float rounding.
            var (a, b) = (Figures(split.GetProperty(history), "val_loss"), Figures(separate.GetProperty(history), "val_loss"));
            for (int e = 0; e < a.Length; e++) Assert.Equal(b[e][0], a[e][0], 5);
            Assert.Equal(Figures(separate.GetProperty(history), "val_accuracy"), Figures(split.GetProperty(history), "val_accuracy"));
        }
        Assert.Equal(separate.GetProperty("studentAccuracy").GetDouble(), split.GetProperty("studentAccuracy").GetDouble());
    }

    [Fact]
    public void The_baseline_of_distill_is_the_run_train_makes_with_the_same_recipe()
    {
        var (all, _, _) = Data();
        string teacher = dir.File("teacher.onnx");
        Assert.Equal(0, InProcessCli.Run("export", "distillation-student", "-o", teacher).ExitCode);
        string[] recipe = ["--data", all, "--validation-split", $"{HeldOut}", "--epochs", "2", "--batch", "8", "--seed", "6", "--threads", "1",
            "--schedule", "cosine", "--json"];
        var distilled = Json(InProcessCli.Run(["distill", "--teacher", teacher, "--student", "distillation-student", "--baseline", "--test", all,
            "-o", dir.File("student.onnx"), .. recipe]));
        var trained = Json(InProcessCli.Run(["train", "distillation-student", "-o", dir.File("labels.onnx"), .. recipe]));
        foreach (var figure in new[] { "loss", "accuracy", "val_loss", "val_accuracy", "lr" })
            Assert.Equal(Figures(trained.GetProperty("epochs"), figure), Figures(distilled.GetProperty("baselineEpochs"), figure));
    }

    [Fact]
    public void Bad_splits_are_refused_and_nothing_is_written()
    {
        var (all, _, last) = Data();
        string output = dir.File("out.onnx");
        string[] common = ["train", "distillation-student", "--data", all, "--epochs", "1", "--threads", "1", "-o", output];
        var zero = InProcessCli.Run([.. common, "--validation-split", "0"]);
        Assert.Equal(2, zero.ExitCode);
        Assert.Contains("--validation-split must be at least 1, not 0", zero.Error);
        var both = InProcessCli.Run([.. common, "--validation-split", "5", "--validation", last]);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("either --validation or --validation-split", both.Error);
        var everything = InProcessCli.Run([.. common, "--validation-split", $"{Examples}"]);
        Assert.Equal(1, everything.ExitCode);
        Assert.Contains($"A validation split of {Examples} examples needs between 1 and {Examples - 1}", everything.Error);
        var factor = InProcessCli.Run([.. common, "--reduce-lr-on-plateau", "1", "--reduce-lr-factor", "1.5"]);
        Assert.Equal(2, factor.ExitCode);
        Assert.Contains("--reduce-lr-factor must be in (0, 1), not 1.5", factor.Error);
        Assert.False(File.Exists(output));
    }
}
