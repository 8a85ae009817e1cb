namespace OnnxKit.Runtime.Tensors;

/// <summary>One of the highest entries of a score vector: its index (the class) and value.</summary>
public sealed record TopEntry(long Index, double Value);
