using OnnxKit.Ir;
using OnnxKit.Serialization;
using OnnxKit.Serialization.NumPy;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Cli.Tests;

/// <summary>
/// distill-prep, soft-targets, distill and train on bad input: a clear message, exit code 1
/// (failed) or 2 (usage), and no output file.
/// </summary>
public sealed class DistillationCommandTests : IDisposable
{
    private readonly TempFolder dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>y = x · w over x: float[N, features]; with <paramref name="classes"/> = 1 a regressor, not a classifier.</summary>
    private string LinearModel(string name, int features, int classes)
    {
        var graph = new Graph(name);
        var x = new Value("x", new TensorType(DataType.Float, new Shape(Dim.Named("N"), features)));
        graph.Inputs.Add(x);
        var w = graph.AddInitializer("w", DenseTensor.FromFloats(Enumerable.Range(0, features * classes).Select(i => i * 0.1f).ToArray(), [features, classes]));
        var matmul = new Node("", "MatMul", [x, w], ["y"]);
        graph.Nodes.Add(matmul);
        graph.Outputs.Add(matmul.Outputs[0]);
        string path = dir.File(name + ".onnx");
        OnnxFile.Save(new Model(graph, 8, [new OpsetImport("", 17)]), path);
        return path;
    }

    [Fact]
    public void Distill_prep_refuses_a_teacher_without_a_classifier_head()
    {
        string output = dir.File("out.onnx");
        var result = InProcessCli.Run("distill-prep", LinearModel("regressor", 4, 1), "-o", output, "--temperature", "2");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'regressor.onnx' has no classifier head", result.Error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Distill_prep_refuses_teachers_with_different_inputs_and_miscounted_weights()
    {
        string output = dir.File("out.onnx");
        string four = LinearModel("four", 4, 3), five = LinearModel("five", 5, 3);
        var result = InProcessCli.Run("distill-prep", four, five, "-o", output);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The teachers' inputs do not match", result.Error);
        var usage = InProcessCli.Run("distill-prep", four, LinearModel("other", 4, 3), "-o", output, "--member-weights", "1,2,3");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("--member-weights gives 3 weights for 2 teachers", usage.Error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Soft_targets_of_a_prepared_teacher_take_no_second_temperature()
    {
        string prepared = dir.File("prepared.onnx");
        Assert.Equal(0, InProcessCli.Run("distill-prep", LinearModel("teacher", 4, 3), "-o", prepared, "--temperature", "2").ExitCode);
        string data = dir.File("x.npz");
        NpzFile.Write(data, [new("x", DenseTensor.FromFloats(new float[8], [2, 4]))]);
        string output = dir.File("targets.npz");
        var result = InProcessCli.Run("soft-targets", prepared, "--data", data, "--temperature", "3", "-o", output);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already prepared", result.Error);
        Assert.False(File.Exists(output));
        Assert.Equal(0, InProcessCli.Run("soft-targets", prepared, "--data", data, "-o", output).ExitCode);
        Assert.Equal([2L, 3L], NpzFile.Read(output)["soft_targets"].Dims);
    }

    [Fact]
    public void Distill_refuses_a_teacher_without_a_classifier_head_before_training()
    {
        string output = dir.File("student.onnx");
        var result = InProcessCli.Run("distill", "--teacher", LinearModel("regressor", 4, 1), "--student", "distillation-student",
            "--data", "fashion-mnist:train", "--epochs", "1", "-o", output);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'regressor.onnx' has no classifier head", result.Error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Train_stops_at_a_nan_loss_naming_the_step_and_writes_nothing()
    {
        string data = dir.File("nan.npz");
        var x = new float[8 * 28 * 28];
        x[3 * 28 * 28 + 100] = float.NaN;
        NpzFile.Write(data, [new("x", DenseTensor.FromFloats(x, [8, 28, 28])), new("y", DenseTensor.FromInt64s([0, 1, 2, 3, 4, 5, 6, 7], [8]))]);
        string output = dir.File("trained.onnx");
        var result = InProcessCli.Run("train", "mnist-mlp-128", "--data", data, "--epochs", "1", "--batch", "8", "--threads", "1", "-o", output);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Training diverged at step 1 (epoch 1, batch 1): the loss is NaN", result.Error);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(dir.Path, "trained*"));
    }
}
