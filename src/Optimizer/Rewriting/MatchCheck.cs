namespace OnnxKit.Optimizer.Rewriting;

/// <summary>
/// A named condition a match must meet before a rule rewrites it: <see cref="Evaluate"/> returns
/// null when it holds, or the reason it does not ("the Conv weights are shared with other nodes"),
/// which <c>onnxkit optimize --explain</c> prints as <c>name: reason</c>.
/// </summary>
/// <param name="Name">A short kebab-case name (<c>float-input</c>).</param>
/// <param name="Evaluate">The condition: null when it holds, otherwise why not.</param>
public sealed record MatchCheck(string Name, Func<PatternMatch, string?> Evaluate);
