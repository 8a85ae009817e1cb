using System.Diagnostics;
using OnnxKit.Data;
using OnnxKit.Evaluation.Metrics;
using OnnxKit.Exporter.Export;
using OnnxKit.Exporter.Networks;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Distillation;
using OnnxKit.Serialization.NumPy;
using OnnxKit.Training.Distillation;
using OnnxKit.Training.Losses;
using OnnxKit.Training.Metrics;

namespace OnnxKit.Training.Jobs;

/// <summary>
/// <c>onnxkit distill</c>: run the teachers over the training data for soft targets at
/// temperature T, train the student on α·T²·CE(soft) + (1 − α)·CE(labels), optionally train the
/// same student on the labels alone as a baseline, and score teacher, student and baseline on
/// the test data with ONNX Runtime, side by side.
/// </summary>
public static class DistillJob
{
    /// <summary>Runs the request; progress lines go to <paramref name="progress"/> when given. Only the distilled student is written, and only when everything succeeded.</summary>
    public static DistillReport Run(DistillRequest request, TextWriter? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var recipe = request.Recipe;
        ModelFiles.CheckWritable(request.Output, request.WeightsOutput, recipe.CsvLog);
        var testSpec = request.Test ?? recipe.Validation
            ?? (recipe.Data.Kind == DataSpecKind.FashionMnist ? recipe.Data with { Split = "test" } : null)
            ?? throw new OnnxKitException("Give the data to score teacher and student on (--test).");
        var loss = new DistillationLoss(request.Temperature, request.Alpha);

        var teachers = new List<ClassifierLogits>();
        try
        {
            foreach (var path in request.Teachers) teachers.Add(ClassifierLogits.Open(path));
            var student = request.Student.Create();
            long classes = StudentClasses(student);
            if (teachers.FirstOrDefault(t => t.Classes != classes) is { } other)
                throw new OnnxKitException($"Teacher '{other.Name}' has {other.Classes} classes but the student '{student.Name}' has {classes}.");

            var data = JobData.Open(recipe.Data, recipe);
            var all = data.Load(student, (int)classes);
            progress?.WriteLine($"Soft targets: {request.SoftTargets ?? string.Join(" + ", teachers.Select(t => t.Name))} over {all.Count:N0} examples at T = {request.Temperature}");
            var logits = request.SoftTargets is { } file ? SavedLogits(file, all.Count, classes, recipe.Limit is not null) : SoftTargets.MeanLogits(teachers, data.Source, data.Preprocessing);
            // The validation examples carry soft targets too, so val_loss is the distillation loss.
            var (soft, validation) = TrainJob.SplitValidation(all.WithSoftTargets(SoftTargets.FromLogits(logits, classes, request.Temperature), classes), recipe, spec =>
            {
                var held = JobData.Open(spec, recipe);
                var targets = SoftTargets.FromLogits(SoftTargets.MeanLogits(teachers, held.Source, held.Preprocessing), classes, request.Temperature);
                return held.Load(student, (int)classes).WithSoftTargets(targets, classes);
            });

            progress?.WriteLine($"Distilling into {student.Name} ({student.ParameterCount:N0} parameters), alpha = {request.Alpha}");
            var studentHistory = Train(student, loss, soft, validation, recipe, progress);
            IReadOnlyList<IReadOnlyDictionary<string, double>>? baselineHistory = null;
            Network? baseline = null;
            if (request.Baseline)
            {
                baseline = request.Student.Create();
                progress?.WriteLine($"Baseline: {baseline.Name} on the labels alone");
                baselineHistory = Train(baseline, new SoftmaxCrossEntropy(), soft, validation, recipe, progress);
            }

            var test = JobData.Open(testSpec, recipe);
            var labels = test.Load(student, (int)classes).Labels!.Select(l => (int)l).ToArray();
            double teacherAccuracy = Accuracy(SoftTargets.MeanLogits(teachers, test.Source, test.Preprocessing), classes, labels);
            double studentAccuracy = Accuracy(student, test, classes, labels);
            double? baselineAccuracy = baseline is null ? null : Accuracy(baseline, test, classes, labels);

            ModelFiles.Write(student, request.Output, request.WeightsOutput, request.Opset);
            return new DistillReport(teachers.Select(t => t.Name).ToArray(), student.Name, teachers.Sum(t => t.Parameters), student.ParameterCount,
                request.Temperature, request.Alpha, testSpec.ToString(), labels.Length, teacherAccuracy, studentAccuracy, baselineAccuracy,
                studentHistory, baselineHistory, Path.GetFullPath(request.Output), request.WeightsOutput is null ? null : Path.GetFullPath(request.WeightsOutput),
                clock.Elapsed.TotalSeconds);
        }
        finally
        {
            foreach (var teacher in teachers) teacher.Dispose();
        }
    }

    private static IReadOnlyList<IReadOnlyDictionary<string, double>> Train(Network network, Loss loss, TrainingSet data, TrainingSet? validation,
        TrainingRecipe recipe, TextWriter? progress)
    {
        using var compiled = network.Compile(recipe.CreateOptimizer(), loss, [Metric.Accuracy], recipe.Options);
        var history = compiled.Fit(data, recipe.Epochs, recipe.BatchSize, validation, TrainJob.Callbacks(recipe, validation is not null, progress), recipe.CreateSchedule());
        return history.Epochs.Select(e => (IReadOnlyDictionary<string, double>)e.Values.ToDictionary()).ToArray();
    }

    /// <summary>
    /// The <c>logits</c> of a soft-targets archive, checked against the training data's size and
    /// the classes; with <paramref name="limited"/> (the data cut by --limit) the archive may cover
    /// more records, and its first <paramref name="records"/> rows are taken.
    /// </summary>
    private static float[] SavedLogits(string path, int records, long classes, bool limited)
    {
        if (!File.Exists(path)) throw new OnnxKitException($"Soft-targets file '{path}' does not exist.");
        var arrays = NpzFile.Read(path);
        if (!arrays.TryGetValue(DistillationOutputs.Logits, out var logits))
            throw new OnnxKitException($"'{path}' has no 'logits' array; write it with onnxkit soft-targets.");
        if (logits.Dims is not [var rows, var columns] || !(rows == records || (limited && rows > records)) || columns != classes)
            throw new OnnxKitException($"'{path}' holds logits {TensorDims.Format(logits.Dims)}, but the training data has {records} examples of {classes} classes.");
        var values = logits.ToArray<float>();
        return rows == records ? values : values[..checked((int)(records * classes))];
    }

    private static long StudentClasses(Network student) => student.Outputs is [{ Shape: [var classes] }] && classes >= 2
        ? classes
        : throw new OnnxKitException($"The student '{student.Name}' must have one output of [batch, classes]; it has {string.Join(", ", student.Outputs.Select(o => TensorDims.Format(o.Shape)))}.");

    /// <summary>A trained student's accuracy, measured on its ONNX export run by ONNX Runtime.</summary>
    private static double Accuracy(Network network, JobData test, long classes, int[] labels)
    {
        using var classifier = ClassifierLogits.FromModel(network.ToOnnx(new ExportOptions()), network.Name);
        return Accuracy(classifier.Compute(test.Source, test.Preprocessing), classes, labels);
    }

    private static double Accuracy(float[] logits, long classes, int[] labels) =>
        ClassificationMetrics.Accuracy(labels, SoftTargets.Predictions(logits, classes));
}
