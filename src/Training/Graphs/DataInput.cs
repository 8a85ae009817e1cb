using OnnxKit.Ir;
using OnnxKit.Training.Losses;

namespace OnnxKit.Training.Graphs;

/// <summary>An input fed from the data each step: the model's input, or a loss target.</summary>
/// <param name="Name">The graph input's name.</param>
/// <param name="ElementType">Its element type.</param>
/// <param name="ExampleDims">The shape of one example (the batch axis excluded).</param>
/// <param name="Target">Which target it is, or null for the model's input.</param>
internal sealed record DataInput(string Name, DataType ElementType, long[] ExampleDims, TargetKind? Target);
