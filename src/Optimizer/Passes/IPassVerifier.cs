using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Passes;

/// <summary>
/// Verification hook: judges the model after each pass that changed it. When it objects, the
/// runner restores the model from before the pass, records the reason, and disables that pass
/// for the rest of the pipeline.
/// </summary>
public interface IPassVerifier
{
    /// <summary>Null when <paramref name="candidate"/> is acceptable; otherwise why not (shown to the user).</summary>
    string? Check(Model candidate);
}
