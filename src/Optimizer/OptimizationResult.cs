using OnnxKit.Ir;

namespace OnnxKit.Optimizer;

/// <summary>The optimized model and the report of what was done to it.</summary>
public sealed record OptimizationResult(Model Model, OptimizationReport Report);
