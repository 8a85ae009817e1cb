namespace OnnxKit.Ir;

/// <summary>
/// A type record with none of the type kinds set. It appears in files produced by
/// some tools; keeping it (rather than dropping the type) keeps such files intact.
/// </summary>
public sealed record UndefinedType : OnnxType
{
    /// <inheritdoc/>
    public override string ToString() => "undefined";
}
