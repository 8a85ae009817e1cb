using System.Diagnostics;
using OnnxKit.Exporter.Networks;
using OnnxKit.Exporter.Export;
using OnnxKit.Data;
using OnnxKit.Training.Callbacks;
using OnnxKit.Training.Losses;
using OnnxKit.Training.Metrics;

namespace OnnxKit.Training.Jobs;

/// <summary><c>onnxkit train</c>: build the model, load the data, fit, write the trained model.</summary>
public static class TrainJob
{
    /// <summary>Runs the request; each epoch's progress line goes to <paramref name="progress"/> when given. Nothing is written unless training succeeds.</summary>
    public static TrainReport Run(TrainRequest request, TextWriter? progress = null)
    {
        var clock = Stopwatch.StartNew();
        ModelFiles.CheckWritable(request.Output, request.WeightsOutput, request.Recipe.CsvLog);
        var recipe = request.Recipe;
        var network = request.Model.Create();
        var (loss, metric) = ChooseLoss(network, request.Loss);
        bool dense = !loss.Targets.Contains(TargetKind.Labels);
        int? classes = dense ? null : checked((int)network.Outputs[0].Shape[^1]);
        var (train, validation) = SplitValidation(JobData.Open(recipe.Data, recipe).Load(network, classes, dense), recipe,
            spec => JobData.Open(spec, recipe).Load(network, classes, dense));
        using var compiled = network.Compile(recipe.CreateOptimizer(), loss, [metric], recipe.Options);
        var history = compiled.Fit(train, recipe.Epochs, recipe.BatchSize, validation, Callbacks(recipe, validation is not null, progress), recipe.CreateSchedule());
        ModelFiles.Write(network, request.Output, request.WeightsOutput, request.Opset);
        return new TrainReport(network.Name, network.ParameterCount, loss.Name, compiled.Optimizer.ToString(), train.Count,
            history.Epochs.Select(e => (IReadOnlyDictionary<string, double>)e.Values.ToDictionary()).ToArray(), history.StopReason,
            Path.GetFullPath(request.Output), request.WeightsOutput is null ? null : Path.GetFullPath(request.WeightsOutput), clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The training and validation examples of a recipe: <paramref name="data"/> with its last
    /// <see cref="TrainingRecipe.ValidationSplit"/> examples held out, or all of it and the
    /// recipe's <see cref="TrainingRecipe.Validation"/> data read by <paramref name="load"/> (or none).
    /// </summary>
    internal static (TrainingSet Train, TrainingSet? Validation) SplitValidation(TrainingSet data, TrainingRecipe recipe, Func<DataSpec, TrainingSet> load)
    {
        if (recipe.ValidationSplit is not { } count) return (data, recipe.Validation is { } spec ? load(spec) : null);
        if (recipe.Validation is not null) throw new OnnxKitException("Give either validation data or a validation split, not both.");
        return data.SplitOff(count);
    }

    /// <summary>The callbacks a recipe asks for: progress lines, a CSV log, early stopping, learning-rate reduction on a plateau.</summary>
    internal static List<Callback> Callbacks(TrainingRecipe recipe, bool validated, TextWriter? progress)
    {
        var callbacks = new List<Callback>();
        string monitor = validated ? "val_loss" : "loss";
        if (recipe.EarlyStoppingPatience is { } patience)
            callbacks.Add(new EarlyStopping(monitor, patience, restoreBestWeights: true));
        if (recipe.ReduceLearningRatePatience is { } plateau)
            callbacks.Add(new ReduceLearningRateOnPlateau(monitor, recipe.ReduceLearningRateFactor, plateau));
        if (recipe.CsvLog is { } csv) callbacks.Add(new CsvLogger(csv));
        if (progress is not null) callbacks.Add(new ProgressLogger(progress));
        return callbacks;
    }

    /// <summary>The loss and metric for <paramref name="kind"/>; <see cref="LossKind.Auto"/> reads the model's final operator.</summary>
    private static (Loss, Metric) ChooseLoss(Network network, LossKind kind)
    {
        if (kind == LossKind.Auto)
        {
            var graph = network.ToOnnx(new ExportOptions { Opset = Graphs.StepGraphBuilder.Opset }).Graph;
            var output = graph.Outputs[0];
            kind = output.Producer?.OpType == "Sigmoid" ? LossKind.BinaryCrossEntropy
                : network.Outputs[0].Shape is [1] ? LossKind.MeanSquaredError
                : LossKind.CrossEntropy;
        }
        return kind switch
        {
            LossKind.BinaryCrossEntropy => (new BinaryCrossEntropy(), Metric.Accuracy),
            LossKind.MeanSquaredError => (new MeanSquaredError(), Metric.MeanAbsoluteError),
            _ => (new SoftmaxCrossEntropy(), Metric.Accuracy),
        };
    }
}
