namespace OnnxKit.Schemas;

/// <summary>
/// The value type an operator schema declares for an attribute. The numeric values are those of
/// ONNX's <c>AttributeProto.AttributeType</c>.
/// </summary>
public enum AttributeKind
{
    /// <summary>A single 32-bit float.</summary>
    Float = 1,

    /// <summary>A single 64-bit integer.</summary>
    Int = 2,

    /// <summary>A single string (bytes).</summary>
    String = 3,

    /// <summary>A single tensor.</summary>
    Tensor = 4,

    /// <summary>A single graph.</summary>
    Graph = 5,

    /// <summary>A list of floats.</summary>
    Floats = 6,

    /// <summary>A list of integers.</summary>
    Ints = 7,

    /// <summary>A list of strings.</summary>
    Strings = 8,

    /// <summary>A list of tensors.</summary>
    Tensors = 9,

    /// <summary>A list of graphs.</summary>
    Graphs = 10,

    /// <summary>A single sparse tensor.</summary>
    SparseTensor = 11,

    /// <summary>A list of sparse tensors.</summary>
    SparseTensors = 12,

    /// <summary>A single type description.</summary>
    TypeProto = 13,

    /// <summary>A list of type descriptions.</summary>
    TypeProtos = 14,
}
