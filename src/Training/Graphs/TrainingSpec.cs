using OnnxKit.Training.Losses;
using OnnxKit.Training.Metrics;
using OnnxKit.Training.Optimizers;

namespace OnnxKit.Training.Graphs;

using Optimizer = OnnxKit.Training.Optimizers.Optimizer;

/// <summary>What a training graph is built for.</summary>
/// <param name="Loss">The objective.</param>
/// <param name="Optimizer">The update rule.</param>
/// <param name="Metrics">The metrics reported besides the loss.</param>
/// <param name="Trainable">The initializers that are trained, in the order the trainer lists them.</param>
/// <param name="Statistics">The non-trainable initializers of trainable layers; those a BatchNormalization reads as running statistics are updated while training.</param>
/// <param name="Seed">Seeds Dropout's masks.</param>
internal sealed record TrainingSpec(Loss Loss, Optimizer Optimizer, IReadOnlyList<Metric> Metrics,
    IReadOnlyList<string> Trainable, IReadOnlyList<string> Statistics, ulong Seed);
