using System.Diagnostics;
using OnnxKit.Data;
using OnnxKit.Data.Binding;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Distillation;
using OnnxKit.Runtime;
using OnnxKit.Serialization;
using OnnxKit.Serialization.NumPy;
using OnnxKit.Training.Jobs;

namespace OnnxKit.Training.Distillation;

/// <summary>
/// <c>onnxkit soft-targets</c>: runs a teacher over a transfer set in batches on ONNX Runtime
/// and writes its <c>logits</c> and <c>soft_targets</c> (computed by the teacher's own graph,
/// as distill-prep builds it) to a .npz archive, atomically.
/// </summary>
public static class SoftTargetsJob
{
    /// <summary>Runs the request, reporting records done to <paramref name="progress"/> when given.</summary>
    /// <exception cref="OnnxKitException">The teacher is missing or no classifier, or the temperature is missing or redundant.</exception>
    /// <exception cref="DataFormatException">The data cannot be fitted to the teacher's input.</exception>
    public static SoftTargetsReport Run(SoftTargetsRequest request, IProgress<DataProgress>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        if (!File.Exists(request.Teacher)) throw new OnnxKitException($"Teacher file '{request.Teacher}' does not exist.");
        string name = Path.GetFileName(request.Teacher);
        var teacher = OnnxFile.Load(request.Teacher);
        bool prepared = teacher.Graph.Outputs.Any(o => o.Name == DistillationOutputs.SoftTargets);
        if (prepared && request.Temperature is not null)
            throw new OnnxKitException($"'{name}' is already prepared (it has a '{DistillationOutputs.SoftTargets}' output at the temperature distill-prep gave it); leave out the temperature.");
        if (!prepared)
        {
            var temperature = request.Temperature ?? throw new OnnxKitException($"'{name}' has no '{DistillationOutputs.SoftTargets}' output: give a temperature, or prepare it with distill-prep.");
            DistillPrep.PrepareTeacher(teacher, name, temperature);
        }
        var data = JobData.Open(request.Data, request.Scale, request.Limit);
        using var session = OnnxSession.FromModel(teacher);
        var binder = ModelInputBinder.Create(data.Source, session.Inputs, data.Preprocessing);
        var logits = new List<float>();
        var soft = new List<float>();
        foreach (var batch in data.Source.ReadBatches(request.BatchSize, progress))
        {
            var outputs = session.Run(binder.Bind(batch));
            logits.AddRange(outputs[DistillationOutputs.Logits].ToArray<float>());
            soft.AddRange(outputs[DistillationOutputs.SoftTargets].ToArray<float>());
        }
        long classes = teacher.Graph.Outputs.Single(o => o.Name == DistillationOutputs.Logits).TensorType!.Shape![1].Value!.Value;
        long records = logits.Count / classes;
        NpzFile.Write(request.Output, [
            new(DistillationOutputs.Logits, DenseTensor.FromFloats(logits.ToArray(), [records, classes])),
            new(DistillationOutputs.SoftTargets, DenseTensor.FromFloats(soft.ToArray(), [records, classes])),
        ]);
        return new SoftTargetsReport(request.Teacher, request.Data.ToString(), records, classes, request.Temperature,
            [DistillationOutputs.Logits, DistillationOutputs.SoftTargets], Path.GetFullPath(request.Output), clock.Elapsed.TotalSeconds);
    }
}
