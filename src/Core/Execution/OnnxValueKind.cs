namespace OnnxKit.Execution;

/// <summary>The kinds of value an ONNX graph takes and gives that <see cref="OnnxValue"/> holds.</summary>
public enum OnnxValueKind
{
    /// <summary>A tensor.</summary>
    Tensor,
    /// <summary>An ordered list of values of one type (ONNX's <c>seq</c>).</summary>
    Sequence,
    /// <summary>A value or nothing (ONNX's <c>optional</c>).</summary>
    Optional,
}
