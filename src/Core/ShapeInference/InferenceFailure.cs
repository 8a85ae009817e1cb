namespace OnnxKit.ShapeInference;

/// <summary>
/// Thrown by a shape rule that cannot go on: the node is inconsistent (reported), or, when
/// <see cref="Silent"/>, it merely depends on something unknowable here (a function attribute
/// with no caller), which is not a problem of the model.
/// </summary>
internal sealed class InferenceFailure : Exception
{
    public InferenceFailure(string message, bool silent = false) : base(message) => Silent = silent;

    public bool Silent { get; }
}
