using OnnxKit.Ir;
using OnnxKit.Serialization.Proto;

namespace OnnxKit.Serialization;

/// <summary>Converts between ONNX's <see cref="TypeProto"/> and the IR's <see cref="OnnxType"/>, both ways, losslessly.</summary>
internal static class TypeProtoConverter
{
    public static OnnxType FromProto(TypeProto proto)
    {
        OnnxType type = proto.ValueCase switch
        {
            TypeProto.ValueOneofCase.TensorType => new TensorType((DataType)proto.TensorType.ElemType,
                proto.TensorType.Shape is null ? null : ShapeFromProto(proto.TensorType.Shape)),
            TypeProto.ValueOneofCase.SparseTensorType => new SparseTensorType((DataType)proto.SparseTensorType.ElemType,
                proto.SparseTensorType.Shape is null ? null : ShapeFromProto(proto.SparseTensorType.Shape)),
            TypeProto.ValueOneofCase.SequenceType => new SequenceType(OptionalFromProto(proto.SequenceType.ElemType)),
            TypeProto.ValueOneofCase.MapType => new MapType((DataType)proto.MapType.KeyType, OptionalFromProto(proto.MapType.ValueType)),
            TypeProto.ValueOneofCase.OptionalType => new OptionalType(OptionalFromProto(proto.OptionalType.ElemType)),
            TypeProto.ValueOneofCase.OpaqueType => new OpaqueType(
                proto.OpaqueType.HasDomain ? proto.OpaqueType.Domain : null, proto.OpaqueType.HasName ? proto.OpaqueType.Name : null),
            _ => new UndefinedType(),
        };
        return proto.HasDenotation ? type with { Denotation = proto.Denotation } : type;
    }

    public static TypeProto ToProto(OnnxType type)
    {
        var proto = new TypeProto();
        switch (type)
        {
            case TensorType t:
                proto.TensorType = new TypeProto.Types.Tensor();
                if (t.ElementType != DataType.Undefined) proto.TensorType.ElemType = (int)t.ElementType;
                if (t.Shape is not null) proto.TensorType.Shape = ShapeToProto(t.Shape);
                break;
            case SparseTensorType s:
                proto.SparseTensorType = new TypeProto.Types.SparseTensor();
                if (s.ElementType != DataType.Undefined) proto.SparseTensorType.ElemType = (int)s.ElementType;
                if (s.Shape is not null) proto.SparseTensorType.Shape = ShapeToProto(s.Shape);
                break;
            case SequenceType s:
                proto.SequenceType = new TypeProto.Types.Sequence();
                if (s.ElementType is not null) proto.SequenceType.ElemType = ToProto(s.ElementType);
                break;
            case MapType m:
                proto.MapType = new TypeProto.Types.Map();
                if (m.KeyType != DataType.Undefined) proto.MapType.KeyType = (int)m.KeyType;
                if (m.ValueType is not null) proto.MapType.ValueType = ToProto(m.ValueType);
                break;
            case OptionalType o:
                proto.OptionalType = new TypeProto.Types.Optional();
                if (o.ElementType is not null) proto.OptionalType.ElemType = ToProto(o.ElementType);
                break;
            case OpaqueType o:
                proto.OpaqueType = new TypeProto.Types.Opaque();
                if (o.Domain is not null) proto.OpaqueType.Domain = o.Domain;
                if (o.Name is not null) proto.OpaqueType.Name = o.Name;
                break;
        }
        if (type.Denotation is not null) proto.Denotation = type.Denotation;
        return proto;
    }

    public static Shape ShapeFromProto(TensorShapeProto proto) => new(proto.Dim.Select(d =>
    {
        string? denotation = d.HasDenotation ? d.Denotation : null;
        return d.ValueCase switch
        {
            TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue => Dim.Of(d.DimValue, denotation),
            TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam => Dim.Named(d.DimParam, denotation),
            _ => Dim.Unknown(denotation),
        };
    }));

    public static TensorShapeProto ShapeToProto(Shape shape)
    {
        var proto = new TensorShapeProto();
        foreach (var dim in shape)
        {
            var d = new TensorShapeProto.Types.Dimension();
            if (dim.Value is long v) d.DimValue = v;
            else if (dim.Symbol is not null) d.DimParam = dim.Symbol;
            if (dim.Denotation is not null) d.Denotation = dim.Denotation;
            proto.Dim.Add(d);
        }
        return proto;
    }

    private static OnnxType? OptionalFromProto(TypeProto? proto) => proto is null ? null : FromProto(proto);
}
