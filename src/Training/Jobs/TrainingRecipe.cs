using OnnxKit.Data;
using OnnxKit.Training.Optimizers;
using OnnxKit.Training.Schedules;

namespace OnnxKit.Training.Jobs;

using Optimizer = OnnxKit.Training.Optimizers.Optimizer;

/// <summary>The settings <c>onnxkit train</c> and <c>onnxkit distill</c> share: data, epochs, batches, optimizer, schedule, seed, threads.</summary>
public sealed record TrainingRecipe
{
    /// <summary>The training data.</summary>
    public required DataSpec Data { get; init; }

    /// <summary>Data evaluated after every epoch (<c>val_loss</c>, <c>val_accuracy</c>), or null.</summary>
    public DataSpec? Validation { get; init; }

    /// <summary>
    /// Hold out the last this-many examples of <see cref="Data"/> (after <see cref="Limit"/>) as
    /// the validation data, or null; excludes <see cref="Validation"/>.
    /// </summary>
    public int? ValidationSplit { get; init; }

    /// <summary>The number of epochs.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Examples per step.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>The optimizer.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>The learning rate; null for the optimizer's default.</summary>
    public float? LearningRate { get; init; }

    /// <summary>L2 weight decay.</summary>
    public float WeightDecay { get; init; }

    /// <summary>The learning-rate schedule.</summary>
    public ScheduleKind Schedule { get; init; } = ScheduleKind.Constant;

    /// <summary>Seeds initial weights, shuffling and Dropout.</summary>
    public ulong Seed { get; init; }

    /// <summary>ONNX Runtime's intra-op threads; 0 lets it choose.</summary>
    public int Threads { get; init; }

    /// <summary>Multiplies input values; null: 1/255 for byte data (pixels), else 1.</summary>
    public double? Scale { get; init; }

    /// <summary>Use only the first this-many training (and validation) examples (quick runs).</summary>
    public int? Limit { get; init; }

    /// <summary>Stop when <c>val_loss</c> (or <c>loss</c> without validation) has not improved for this many epochs, keeping the best weights.</summary>
    public int? EarlyStoppingPatience { get; init; }

    /// <summary>
    /// Multiply the learning rate by <see cref="ReduceLearningRateFactor"/> when <c>val_loss</c>
    /// (or <c>loss</c> without validation) has not improved for this many epochs, or null.
    /// </summary>
    public int? ReduceLearningRatePatience { get; init; }

    /// <summary>The factor in (0, 1) of <see cref="ReduceLearningRatePatience"/>'s reductions.</summary>
    public double ReduceLearningRateFactor { get; init; } = 0.1;

    /// <summary>A CSV file receiving one row per epoch, or null.</summary>
    public string? CsvLog { get; init; }

    /// <summary>The optimizer object the recipe names.</summary>
    public Optimizer CreateOptimizer() => Optimizer switch
    {
        OptimizerKind.Sgd => new Sgd(LearningRate ?? 0.01f, momentum: 0.9f, weightDecay: WeightDecay),
        _ => new Adam(LearningRate ?? 0.001f, weightDecay: WeightDecay),
    };

    /// <summary>The schedule object the recipe names (null for constant).</summary>
    public LearningRateSchedule? CreateSchedule() => Schedule switch
    {
        ScheduleKind.Step => LearningRateSchedule.StepDecay(Math.Max(1, Epochs / 3), 0.5),
        ScheduleKind.Cosine => LearningRateSchedule.Cosine(),
        _ => null,
    };

    /// <summary>Seed and threads as training options.</summary>
    public TrainingOptions Options => new() { Seed = Seed, IntraOpThreads = Threads };
}
