namespace OnnxKit.Ir;

/// <summary>One use of a value: input number <see cref="InputIndex"/> of <see cref="Node"/>.</summary>
public readonly record struct Usage(Node Node, int InputIndex);
