using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using OnnxKit.Ir;
using OnnxKit.Schemas;

namespace OnnxKit.Checker;

/// <summary>
/// Canonical type strings, the form operator schemas use (<c>tensor(float)</c>, <c>seq(tensor(int64))</c>,
/// <c>optional(tensor(bool))</c>, <c>map(string,tensor(float))</c>), so a value's type can be compared with
/// the types a schema allows. Shapes play no part.
/// </summary>
internal static partial class TypeNames
{
    private static readonly ConditionalWeakTable<TypeConstraint, HashSet<string>> AllowedByConstraint = new();
    private static readonly ConcurrentDictionary<string, string> CanonicalByText = new(StringComparer.Ordinal);

    /// <summary>The canonical string of <paramref name="type"/>, or null when the type is absent or incomplete.</summary>
    public static string? Of(OnnxType? type) => type switch
    {
        TensorType t => Element(t.ElementType) is { } e ? $"tensor({e})" : null,
        SparseTensorType s => Element(s.ElementType) is { } e ? $"sparse_tensor({e})" : null,
        SequenceType s => Of(s.ElementType) is { } e ? $"seq({e})" : null,
        OptionalType o => Of(o.ElementType) is { } e ? $"optional({e})" : null,
        MapType m => Element(m.KeyType) is { } k && Of(m.ValueType) is { } v ? $"map({k},{v})" : null,
        _ => null,
    };

    /// <summary>The tensor type of the given element type.</summary>
    public static string? Tensor(DataType elementType) => Element(elementType) is { } e ? $"tensor({e})" : null;

    /// <summary>The canonical form of a schema's type string (schemas write map values as bare element names, with spaces).</summary>
    public static string Canonical(string schemaType) =>
        CanonicalByText.GetOrAdd(schemaType, text => BareMapValue().Replace(text.Replace(" ", "", StringComparison.Ordinal), "map($1,tensor($2))"));

    /// <summary>The canonical types a type constraint allows.</summary>
    public static HashSet<string> Allowed(TypeConstraint constraint) =>
        AllowedByConstraint.GetValue(constraint, c => new HashSet<string>(c.AllowedTypes.Select(Canonical), StringComparer.Ordinal));

    private static string? Element(DataType type) => DataTypeInfo.IsDefined((int)type) ? type.OnnxName() : null;

    [GeneratedRegex(@"map\(([a-z0-9]+),([a-z0-9]+)\)")]
    private static partial Regex BareMapValue();
}
