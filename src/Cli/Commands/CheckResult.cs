using OnnxKit.Checker;

namespace OnnxKit.Cli.Commands;

/// <summary>The JSON form of a check (<c>onnxkit check --json</c>).</summary>
internal sealed record CheckResult(string Model, bool Valid, int Errors, int Warnings, IReadOnlyList<CheckProblem> Problems);
