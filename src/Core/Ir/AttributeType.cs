namespace OnnxKit.Ir;

/// <summary>
/// The kinds of attribute values, for attributes in models and for the types operator schemas declare.
/// The numeric values are those of ONNX's <c>AttributeProto.AttributeType</c>.
/// </summary>
public enum AttributeType
{
    /// <summary>Not set (a reference to a function's attribute, or an invalid attribute).</summary>
    Undefined = 0,
    /// <summary>A float32.</summary>
    Float = 1,
    /// <summary>An int64.</summary>
    Int = 2,
    /// <summary>A byte string.</summary>
    String = 3,
    /// <summary>A tensor.</summary>
    Tensor = 4,
    /// <summary>A subgraph.</summary>
    Graph = 5,
    /// <summary>A list of float32.</summary>
    Floats = 6,
    /// <summary>A list of int64.</summary>
    Ints = 7,
    /// <summary>A list of byte strings.</summary>
    Strings = 8,
    /// <summary>A list of tensors.</summary>
    Tensors = 9,
    /// <summary>A list of subgraphs.</summary>
    Graphs = 10,
    /// <summary>A sparse tensor.</summary>
    SparseTensor = 11,
    /// <summary>A list of sparse tensors.</summary>
    SparseTensors = 12,
    /// <summary>A type.</summary>
    TypeProto = 13,
    /// <summary>A list of types.</summary>
    TypeProtos = 14,
}
