using OnnxKit.Ir;

namespace OnnxKit.ShapeInference;

/// <summary>Combines what is declared about a value with what inference found, and the alternatives of an If.</summary>
internal static class TypeMerger
{
    /// <summary>
    /// The declared type made as specific as the inferred one allows: a missing shape or element
    /// type is filled in, an unknown or symbolic dim takes an inferred size. Returns null and a
    /// reason when the two contradict each other (the caller keeps the declared type).
    /// </summary>
    public static OnnxType? Refine(OnnxType? declared, OnnxType inferred, out string? conflict)
    {
        conflict = null;
        switch (declared, inferred)
        {
            case (null, _):
                return inferred;
            case (TensorType d, TensorType i):
                return RefineTensor(d, i, out conflict);
            case (SequenceType d, SequenceType i):
                return RefineElement(d.ElementType, i.ElementType, out conflict) is var e && conflict is null ? d with { ElementType = e } : null;
            case (OptionalType d, OptionalType i):
                return RefineElement(d.ElementType, i.ElementType, out conflict) is var o && conflict is null ? d with { ElementType = o } : null;
            default:
                if (declared.GetType() == inferred.GetType() && declared == inferred) return declared;
                conflict = $"declared {declared} but the node yields {inferred}";
                return null;
        }
    }

    private static OnnxType? RefineElement(OnnxType? declared, OnnxType? inferred, out string? conflict)
    {
        conflict = null;
        return inferred is null ? declared : Refine(declared, inferred, out conflict);
    }

    private static TensorType? RefineTensor(TensorType declared, TensorType inferred, out string? conflict)
    {
        conflict = null;
        var elementType = declared.ElementType;
        if (elementType == DataType.Undefined) elementType = inferred.ElementType;
        else if (inferred.ElementType != DataType.Undefined && inferred.ElementType != elementType)
        {
            conflict = $"declared element type {elementType.OnnxName()} but the node yields {inferred.ElementType.OnnxName()}";
            return null;
        }
        if (declared.Shape is null || inferred.Shape is null)
            return declared with { ElementType = elementType, Shape = declared.Shape ?? inferred.Shape };
        if (declared.Shape.Rank != inferred.Shape.Rank)
        {
            conflict = $"declared shape {declared.Shape} but the node yields rank {inferred.Shape.Rank}: {inferred.Shape}";
            return null;
        }
        var dims = new Dim[declared.Shape.Rank];
        for (int k = 0; k < dims.Length; k++)
        {
            Dim d = declared.Shape[k], i = inferred.Shape[k];
            if (d.Value is long x && i.Value is long y && x != y)
            {
                conflict = $"declared shape {declared.Shape} but the node yields {inferred.Shape} (dim {k})";
                return null;
            }
            dims[k] = d.IsKnown || !i.IsKnown && (d.Symbol is not null || i.Symbol is null) ? d
                : i.Value is long v ? Dim.Of(v, d.Denotation)
                : Dim.Named(i.Symbol!, d.Denotation);
        }
        return declared with { ElementType = elementType, Shape = new Shape(dims) };
    }

    /// <summary>
    /// What two alternatives certainly share: the element type when they agree, and the dims both
    /// have (different sizes become unknown, different ranks drop the shape). Null when they are
    /// different kinds of type.
    /// </summary>
    public static OnnxType? Union(OnnxType? a, OnnxType? b)
    {
        switch (a, b)
        {
            case (TensorType x, TensorType y):
                if (x.ElementType != y.ElementType) return null;
                return x.Shape is null || y.Shape is null || x.Shape.Rank != y.Shape.Rank
                    ? new TensorType(x.ElementType)
                    : new TensorType(x.ElementType, new Shape(x.Shape.Zip(y.Shape, DimMath.Union)));
            case (TensorType x, null):
                return new TensorType(x.ElementType);
            case (null, TensorType y):
                return new TensorType(y.ElementType);
            case (SequenceType x, SequenceType y):
                return new SequenceType(Union(x.ElementType, y.ElementType));
            case (OptionalType x, OptionalType y):
                return new OptionalType(Union(x.ElementType, y.ElementType));
            default:
                return a is not null && a == b ? a : null;
        }
    }

    /// <summary>True when two types say the same (element types, ranks, and each dim's size or symbol; unknown matches unknown).</summary>
    public static bool SameFacts(OnnxType? a, OnnxType? b) => (a, b) switch
    {
        (null, null) => true,
        (TensorType x, TensorType y) => x.ElementType == y.ElementType && (x.Shape, y.Shape) switch
        {
            (null, null) => true,
            ({ } p, { } q) => p.Rank == q.Rank && p.Zip(q).All(d => d.First.Value == d.Second.Value && d.First.Symbol == d.Second.Symbol),
            _ => false,
        },
        (SequenceType x, SequenceType y) => SameFacts(x.ElementType, y.ElementType),
        (OptionalType x, OptionalType y) => SameFacts(x.ElementType, y.ElementType),
        _ => a is not null && a.Equals(b),
    };
}
