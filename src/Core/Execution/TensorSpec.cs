using OnnxKit.Ir;

namespace OnnxKit.Execution;

/// <summary>
/// What a model input or output accepts or produces: a name, an element type and a shape
/// whose dims may be symbols (<c>batch</c>) or unknown. <see cref="Shape"/> is null when
/// even the rank is unknown.
/// </summary>
public sealed record TensorSpec(string Name, DataType ElementType, Shape? Shape)
{
    /// <summary>Formats as <c>name: float[batch,3,224,224]</c>.</summary>
    public override string ToString() => $"{Name}: {ElementType.OnnxName()}{Shape?.ToString() ?? "[?]"}";
}
