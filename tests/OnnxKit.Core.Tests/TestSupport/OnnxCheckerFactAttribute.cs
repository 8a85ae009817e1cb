namespace OnnxKit.Tests.TestSupport;

/// <summary>
/// A fact that needs ONNX's full checker (<see cref="OnnxFullChecker"/>: Debian's python3-onnx), and
/// optionally a folder under <c>../shared</c> or a real model (<see cref="RealModels"/>); it is reported as
/// skipped, saying what is missing, where one is absent. CI installs python3-onnx.
/// </summary>
public sealed class OnnxCheckerFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="sharedFolder">A folder the test reads, relative to <c>../shared</c>, or null.</param>
    public OnnxCheckerFactAttribute(string? sharedFolder = null)
    {
        if (OnnxFullChecker.SkipReason is { } reason) Skip = reason;
        else if (sharedFolder is not null && !Directory.Exists(RepositoryPaths.Shared(sharedFolder)))
            Skip = $"Shared test data not present: {RepositoryPaths.Shared(sharedFolder)}";
    }

    /// <summary>A real model or case folder the test also needs (a <see cref="RealModels"/> constant).</summary>
    public string? RealModel
    {
        get => field;
        set
        {
            field = value;
            if (Skip is null && value is not null && !RealModels.Exists(value)) Skip = RealModels.MissingMessage(value);
        }
    }
}
