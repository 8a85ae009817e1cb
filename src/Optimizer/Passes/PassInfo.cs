namespace OnnxKit.Optimizer.Passes;

/// <summary>What <c>--list-passes</c> shows about one registered pass.</summary>
public sealed record PassInfo(string Name, string Description, PassLevel Level);
