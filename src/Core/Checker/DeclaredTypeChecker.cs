using OnnxKit.Ir;

namespace OnnxKit.Checker;

/// <summary>
/// Checks declared value types (graph inputs and outputs, value_info). A main graph's inputs and outputs
/// must carry complete types, as ONNX requires: a tensor needs its element type and a shape (the rank, even
/// if the dimensions are symbolic), a sequence or optional its element type, a map its key and value types.
/// Anywhere else a type may be partial or absent, but it must not name an element type that does not exist.
/// </summary>
internal sealed class DeclaredTypeChecker(ProblemList problems)
{
    public void Check(Value value, string location, bool requireComplete)
    {
        if (value.Type is null)
        {
            if (requireComplete) problems.Error(location, ProblemCodes.TypeMissing, $"'{value.Name}' has no type; the main graph's inputs and outputs must be typed.");
            return;
        }
        if (UnknownElementType(value.Type) is { } code)
        {
            problems.Error(location, ProblemCodes.ElementTypeUnknown, $"'{value.Name}' has element type {code}, which ONNX does not define.");
            return;
        }
        if (requireComplete && Missing(value.Type) is { } missing)
            problems.Error(location, ProblemCodes.TypeIncomplete, $"'{value.Name}' has type {value.Type} without {missing}.");
    }

    /// <summary>The first element type code in <paramref name="type"/> that is set but undefined, or null.</summary>
    private static int? UnknownElementType(OnnxType? type)
    {
        static int? Code(DataType t) => t == DataType.Undefined || DataTypeInfo.IsDefined((int)t) ? null : (int)t;
        return type switch
        {
            TensorType t => Code(t.ElementType),
            SparseTensorType s => Code(s.ElementType),
            SequenceType s => UnknownElementType(s.ElementType),
            OptionalType o => UnknownElementType(o.ElementType),
            MapType m => Code(m.KeyType) ?? UnknownElementType(m.ValueType),
            _ => null,
        };
    }

    /// <summary>What a main-graph input or output type lacks, in words, or null when it is complete enough for ONNX.</summary>
    private static string? Missing(OnnxType type) => type switch
    {
        TensorType { ElementType: DataType.Undefined } or SparseTensorType { ElementType: DataType.Undefined } => "an element type",
        TensorType { Shape: null } or SparseTensorType { Shape: null } => "a shape",
        SequenceType { ElementType: null } or OptionalType { ElementType: null } => "an element type",
        MapType { KeyType: DataType.Undefined } => "a key type",
        MapType { ValueType: null } => "a value type",
        OpaqueType { Name: null or "" } => "a name",
        UndefinedType => "any kind (tensor, sequence, map, ...)",
        _ => null,
    };
}
