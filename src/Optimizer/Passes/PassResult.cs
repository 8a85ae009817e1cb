using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Passes;

/// <summary>What a pass returns: the resulting model (the same instance for in-place passes) and whether anything changed.</summary>
public sealed record PassResult(Model Model, bool Modified);
