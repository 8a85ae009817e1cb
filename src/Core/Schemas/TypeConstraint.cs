namespace OnnxKit.Schemas;

/// <summary>A type parameter of an operator schema and the types it may be bound to.</summary>
public sealed class TypeConstraint
{
    /// <summary>Creates a type constraint.</summary>
    /// <param name="typeParameter">The type parameter's name, e.g. <c>T</c>.</param>
    /// <param name="allowedTypes">The type strings it may stand for, e.g. <c>tensor(float)</c>.</param>
    public TypeConstraint(string typeParameter, IReadOnlyList<string> allowedTypes)
    {
        TypeParameter = typeParameter;
        AllowedTypes = allowedTypes;
    }

    /// <summary>The type parameter's name, e.g. <c>T</c>.</summary>
    public string TypeParameter { get; }

    /// <summary>The type strings the parameter may stand for, e.g. <c>tensor(float)</c> or <c>seq(tensor(int64))</c>.</summary>
    public IReadOnlyList<string> AllowedTypes { get; }
}
