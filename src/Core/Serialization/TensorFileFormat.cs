namespace OnnxKit.Serialization;

/// <summary>The file formats tensors are written in.</summary>
public enum TensorFileFormat
{
    /// <summary>NumPy <c>.npy</c>.</summary>
    Npy,
    /// <summary>A serialized ONNX TensorProto (<c>.pb</c>), as in ONNX's test data.</summary>
    Pb,
}
