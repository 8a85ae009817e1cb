using OnnxKit.Ir;
using OnnxKit.Schemas;

namespace OnnxKit.ShapeInference;

/// <summary>
/// Output types as an operator's schema determines them: a concrete type string
/// (<c>tensor(int64)</c>), a type parameter bound by an input of the same parameter, or a parameter
/// whose constraint allows a single type. Shapes are never set here.
/// </summary>
internal sealed class SchemaTypes
{
    private readonly OpSchema schema;
    private readonly Dictionary<string, OnnxType> bindings = new(StringComparer.Ordinal);

    private SchemaTypes(OpSchema schema, IReadOnlyList<OnnxType?> inputTypes)
    {
        this.schema = schema;
        for (int i = 0; i < inputTypes.Count; i++)
        {
            if (inputTypes[i] is not { } type || Formal(schema.Inputs, i) is not { } formal) continue;
            if (schema.FindTypeConstraint(formal.TypeStr) is not null) bindings.TryAdd(formal.TypeStr, WithoutShape(type));
        }
    }

    /// <summary>The resolver for a node, or null when no schema governs the node's operator.</summary>
    public static SchemaTypes? For(OpSchema? schema, IReadOnlyList<OnnxType?> inputTypes) =>
        schema is null || schema.Deprecated ? null : new SchemaTypes(schema, inputTypes);

    /// <summary>The type of output <paramref name="index"/> without a shape, or null when the schema does not determine it.</summary>
    public OnnxType? Output(int index)
    {
        if (Formal(schema.Outputs, index) is not { } formal) return null;
        if (schema.FindTypeConstraint(formal.TypeStr) is not { } constraint) return Parse(formal.TypeStr);
        if (bindings.TryGetValue(formal.TypeStr, out var bound)) return bound;
        return constraint.AllowedTypes.Count == 1 ? Parse(constraint.AllowedTypes[0]) : null;
    }

    private static FormalParameter? Formal(IReadOnlyList<FormalParameter> formals, int index) =>
        index < formals.Count ? formals[index]
        : formals.Count > 0 && formals[^1].Option == FormalParameterOption.Variadic ? formals[^1]
        : null;

    private static OnnxType WithoutShape(OnnxType type) => type switch
    {
        TensorType t => t with { Shape = null },
        SequenceType { ElementType: { } e } s => s with { ElementType = WithoutShape(e) },
        OptionalType { ElementType: { } e } o => o with { ElementType = WithoutShape(e) },
        _ => type,
    };

    /// <summary>Parses <c>tensor(x)</c>, <c>seq(...)</c> and <c>optional(...)</c>; null for other forms.</summary>
    public static OnnxType? Parse(string typeString)
    {
        if (Unwrap(typeString, "tensor(") is { } element)
            return DataTypeInfo.TryParse(element, out var dataType) ? new TensorType(dataType) : null;
        if (Unwrap(typeString, "seq(") is { } sequenceOf)
            return Parse(sequenceOf) is { } inner ? new SequenceType(inner) : null;
        if (Unwrap(typeString, "optional(") is { } optionalOf)
            return Parse(optionalOf) is { } inner ? new OptionalType(inner) : null;
        return null;
    }

    private static string? Unwrap(string text, string prefix) =>
        text.StartsWith(prefix, StringComparison.Ordinal) && text.EndsWith(')') ? text[prefix.Length..^1] : null;
}
