using OnnxKit.Data;
using OnnxKit.Exporter.Scripting;
using OnnxKit.Ir;
using OnnxKit.Models;
using OnnxKit.Optimizer.Distillation;
using OnnxKit.Runtime;
using OnnxKit.Serialization;
using OnnxKit.Serialization.NumPy;
using OnnxKit.Tests.TestSupport;
using OnnxKit.Training.Distillation;
using OnnxKit.Training.Jobs;
using OnnxKit.Training.Tests.TestSupport;

namespace OnnxKit.Training.Tests.Distillation;

/// <summary>
/// A teacher exported by another framework: PyTorch's ONNX export of a small CNN ending in a
/// softmax (tools/torch_teacher.py). distill-prep finds its logits behind the softmax and its
/// outputs equal PyTorch's logits and softmax(logits / T); soft-targets over a transfer set
/// writes the same; and distill uses it as a teacher, scoring it as PyTorch's argmax does.
/// </summary>
public sealed class TorchTeacherTests : IDisposable
{
    private const float Temperature = 2.5f;
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [TorchFact]
    public void A_pytorch_exported_classifier_is_prepared_run_and_distilled_from()
    {
        TorchReference.RunTool("torch_teacher.py", folder.Path, Temperature.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var reference = NpzFile.Read(folder.File("reference.npz"));
        float[] x = reference["x"].ToArray<float>(), logits = reference["logits"].ToArray<float>(), soft = reference["soft_targets"].ToArray<float>();
        long[] labels = reference["y"].ToArray<long>();
        string teacher = folder.File("teacher.onnx");

        // distill-prep: the exposed logits and soft targets are PyTorch's.
        var report = DistillPrep.Run(new DistillPrepRequest([teacher], folder.File("prepared.onnx"), Temperature));
        Assert.Equal(["probabilities", "logits", "soft_targets"], report.Outputs);
        using (var session = OnnxSession.FromModel(OnnxFile.Load(report.Output)))
        {
            var outputs = session.Run(new Dictionary<string, ITensor> { ["image"] = DenseTensor.FromFloats(x, [32, 1, 28, 28]) });
            Closeness.Assert(outputs["logits"].ToArray<float>(), Array.ConvertAll(logits, v => (double)v), "logits", 1e-5);
            Closeness.Assert(outputs["soft_targets"].ToArray<float>(), Array.ConvertAll(soft, v => (double)v), "soft_targets", 1e-5);
        }

        // soft-targets over a transfer set, from the unprepared teacher.
        string data = folder.File("transfer.npz");
        NpzFile.Write(data, [new("x", DenseTensor.FromFloats(x, [32, 1, 28, 28])), new("y", DenseTensor.FromInt64s(labels, [32]))]);
        var written = SoftTargetsJob.Run(new SoftTargetsRequest(teacher, DataSpec.Parse(data), folder.File("targets.npz"), Temperature, BatchSize: 10));
        Assert.Equal(32, written.Records);
        var targets = NpzFile.Read(written.Output);
        Closeness.Assert(targets["logits"].ToArray<float>(), Array.ConvertAll(logits, v => (double)v), "soft-targets logits", 1e-5);
        Closeness.Assert(targets["soft_targets"].ToArray<float>(), Array.ConvertAll(soft, v => (double)v), "soft-targets soft_targets", 1e-5);

        // distill: the teacher's accuracy is PyTorch's argmax against the labels.
        var distilled = DistillJob.Run(new DistillRequest([teacher], new ModelSource.Zoo("distillation-student", new ZooOptions()),
            new TrainingRecipe { Data = DataSpec.Parse(data), Epochs = 1, BatchSize = 16, Seed = 1, Threads = 1 }, Temperature, 0.5f,
            folder.File("student.onnx"), Test: DataSpec.Parse(data)));
        int correct = Enumerable.Range(0, 32).Count(n => SoftTargets.Predictions(logits.AsSpan(n * 10, 10), 10)[0] == labels[n]);
        Assert.Equal(correct / 32.0, distilled.TeacherAccuracy, 9);
        Assert.True(File.Exists(folder.File("student.onnx")));
    }
}
