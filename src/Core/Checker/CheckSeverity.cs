namespace OnnxKit.Checker;

/// <summary>How serious a <see cref="CheckProblem"/> is.</summary>
public enum CheckSeverity
{
    /// <summary>The model breaks the ONNX specification; runtimes may refuse it or misbehave.</summary>
    Error,

    /// <summary>The model is valid, but something about it deserves attention (or could not be verified).</summary>
    Warning,
}
