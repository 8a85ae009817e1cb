namespace OnnxKit.Optimizer.Float16;

/// <summary>A node left in float32, and why.</summary>
public sealed record KeptNode(string Node, string OpType, string Reason);
