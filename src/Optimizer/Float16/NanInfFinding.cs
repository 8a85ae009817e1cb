namespace OnnxKit.Optimizer.Float16;

/// <summary>The first node (in graph order) whose output held NaN or infinity, and how many such elements it had.</summary>
public sealed record NanInfFinding(string Node, string OpType, string Output, long NaNs, long Infinities, long Elements);
