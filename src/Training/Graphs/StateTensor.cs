using OnnxKit.Ir;

namespace OnnxKit.Training.Graphs;

/// <summary>
/// A tensor the training graph reads as input <see cref="Input"/> and writes, updated, as
/// output <see cref="Output"/>; the step runner feeds each step's output to the next step.
/// </summary>
/// <param name="Input">The graph input holding the current value.</param>
/// <param name="Output">The graph output holding the next value.</param>
/// <param name="Initial">The value before the first step.</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Weight">The model weight it is (or belongs to): its initializer name in the forward model.</param>
internal sealed record StateTensor(string Input, string Output, ITensor Initial, StateKind Kind, string Weight);
