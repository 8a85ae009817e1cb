using OnnxKit.Ir;

namespace OnnxKit.Tests.Checker;

/// <summary>A hand-built model and the problems the checker must report for it.</summary>
/// <param name="Name">A short identifier (also the file name when the model is exported for comparison with ONNX's checker).</param>
/// <param name="Build">Builds a fresh copy of the model.</param>
/// <param name="Errors">Every error expected, as (code, location); no other error may be reported.</param>
/// <param name="Warnings">Warnings that must be among those reported (others are allowed).</param>
public sealed record CheckerCase(string Name, Func<Model> Build, (string Code, string Location)[] Errors, (string Code, string Location)[]? Warnings = null)
{
    public override string ToString() => Name;
}
