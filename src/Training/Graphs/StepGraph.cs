using OnnxKit.Ir;

namespace OnnxKit.Training.Graphs;

/// <summary>
/// One ONNX graph the trainer runs per batch and what its inputs and outputs mean: the training
/// step (forward, loss, gradients, update) or the evaluation pass (forward in inference mode,
/// loss, metrics). Both read the weights and statistics as inputs of the same names, so one set
/// of bound tensors serves both.
/// </summary>
internal sealed class StepGraph
{
    /// <summary>The model.</summary>
    public required Model Model { get; init; }

    /// <summary>The tensors read from the carried state: every one for training; weights and statistics (inputs only) for evaluation.</summary>
    public required IReadOnlyList<StateTensor> State { get; init; }

    /// <summary>The inputs fed from the data.</summary>
    public required IReadOnlyList<DataInput> Data { get; init; }

    /// <summary>The scalar learning-rate input (training only).</summary>
    public string? LearningRate { get; init; }

    /// <summary>The scalar step-number input, counting from 1 (training only).</summary>
    public string? Step { get; init; }

    /// <summary>The scalar output holding the batch's mean loss.</summary>
    public required string Loss { get; init; }

    /// <summary>The scalar outputs holding each metric's sum over the batch, in the order the metrics were given.</summary>
    public required IReadOnlyList<string> Metrics { get; init; }

    /// <summary>The output holding each weight gradient's squared L2 norm, in <see cref="State"/>'s weight order (training only).</summary>
    public string? GradientNorms { get; init; }

    /// <summary>The names of the weights, in the order of <see cref="GradientNorms"/>.</summary>
    public IReadOnlyList<string> Weights => State.Where(s => s.Kind == StateKind.Weight).Select(s => s.Weight).ToArray();
}
