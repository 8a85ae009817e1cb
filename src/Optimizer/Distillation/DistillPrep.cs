using OnnxKit.Checker;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Serialization;

namespace OnnxKit.Optimizer.Distillation;

/// <summary>
/// <c>onnxkit distill-prep</c>: one teacher gets its logits exposed (<see cref="ExposeLogitsPass"/>)
/// and <c>soft_targets</c> added (<see cref="SoftTargetsPass"/>); several are merged into one
/// ensemble model (<see cref="TeacherEnsemble"/>); <c>--expose</c> adds hint tensors
/// (<see cref="ExposeTensorsPass"/>). The result must pass the checker before it is written,
/// atomically; the teacher files are only read.
/// </summary>
public static class DistillPrep
{
    /// <summary>Prepares the teachers in memory (nothing is written).</summary>
    /// <exception cref="OnnxKitException">A teacher is missing or unusable, or the result does not check; the message says which and why.</exception>
    public static Model Prepare(DistillPrepRequest request)
    {
        if (request.Teachers.Count == 0) throw new OnnxKitException("Give at least one teacher.");
        var names = request.Teachers.Select(Path.GetFileName).ToArray();
        var teachers = request.Teachers.Select(path => File.Exists(path) ? OnnxFile.Load(path) : throw new OnnxKitException($"Teacher file '{path}' does not exist.")).ToArray();
        var context = new PassContext();
        Model prepared;
        if (teachers.Length == 1)
        {
            if (request.MemberWeights is { Count: > 0 }) throw new OnnxKitException("Member weights need several teachers.");
            prepared = PrepareTeacher(teachers[0], names[0]!, request.Temperature);
        }
        else
        {
            prepared = TeacherEnsemble.Merge(teachers, names!, request.Combine, request.Temperature, request.MemberWeights);
        }
        if (request.Expose is { Count: > 0 } expose) new ExposeTensorsPass(expose).Run(prepared, context);
        var report = ModelChecker.Check(prepared);
        if (!report.IsValid) throw new OnnxKitException($"The prepared teacher does not pass the checker:{Environment.NewLine}{report}");
        return prepared;
    }

    /// <summary>
    /// Prepares one teacher in place: exposes its logits as <c>logits</c> and adds
    /// <c>soft_targets</c> = Softmax(logits / <paramref name="temperature"/>); <paramref name="name"/> names it in messages.
    /// </summary>
    /// <exception cref="OnnxKitException">The model has no classifier head, or imports an opset older than 7.</exception>
    public static Model PrepareTeacher(Model teacher, string name, float temperature)
    {
        DistillationOutputs.CheckOpset(teacher, name);
        DistillationOutputs.Publish(teacher, ClassifierHead.Find(teacher, name).Logits, DistillationOutputs.Logits);
        new SoftTargetsPass(temperature).Run(teacher, new PassContext());
        return teacher;
    }

    /// <summary>Prepares the teachers and writes the result to <see cref="DistillPrepRequest.Output"/>.</summary>
    /// <exception cref="OnnxKitException">See <see cref="Prepare"/>; nothing is written then.</exception>
    public static DistillPrepReport Run(DistillPrepRequest request)
    {
        var prepared = Prepare(request);
        OnnxFile.Save(prepared, request.Output);
        bool ensemble = request.Teachers.Count > 1;
        var weights = ensemble ? TeacherEnsemble.NormalizedWeights(request.MemberWeights, request.Teachers.Count) : null;
        var logits = prepared.Graph.Outputs.Single(o => o.Name == DistillationOutputs.Logits);
        return new DistillPrepReport(request.Teachers, Path.GetFullPath(request.Output), logits.TensorType!.Shape![1].Value!.Value, request.Temperature,
            ensemble ? request.Combine.ToString().ToLowerInvariant() : null, weights, prepared.Graph.Outputs.Select(o => o.Name).ToArray(),
            prepared.OpsetVersion("") ?? 0, prepared.IrVersion);
    }
}
