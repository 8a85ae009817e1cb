using OnnxKit.Ir;

namespace OnnxKit.Training.Callbacks;

/// <summary>A copy of everything a training run carries between steps (weights, optimizer slots, running statistics), to restore later in the same run.</summary>
public sealed class TrainingState
{
    internal TrainingState(IReadOnlyList<ITensor> tensors) => Tensors = tensors;

    internal IReadOnlyList<ITensor> Tensors { get; }
}
