using OnnxKit.Ir;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Rewriting;

/// <summary>Structural equality of attribute values (graphs and sparse tensors never compare equal).</summary>
public static class AttributeValues
{
    /// <summary>True when both attributes have the same name, type, reference and value.</summary>
    public static bool Equal(IrAttribute a, IrAttribute b) =>
        a.Name == b.Name && a.Type == b.Type && a.RefAttributeName == b.RefAttributeName && ValueEqual(a.Value, b.Value);

    private static bool ValueEqual(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (float x, float y) => BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y),
        (long x, long y) => x == y,
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (float[] x, float[] y) => x.Length == y.Length && x.Zip(y).All(p => BitConverter.SingleToInt32Bits(p.First) == BitConverter.SingleToInt32Bits(p.Second)),
        (long[] x, long[] y) => x.AsSpan().SequenceEqual(y),
        (byte[][] x, byte[][] y) => x.Length == y.Length && x.Zip(y).All(p => p.First.AsSpan().SequenceEqual(p.Second)),
        (ITensor x, ITensor y) => TensorEqual(x, y),
        (ITensor[] x, ITensor[] y) => x.Length == y.Length && x.Zip(y).All(p => TensorEqual(p.First, p.Second)),
        (OnnxType x, OnnxType y) => x.Equals(y),
        (OnnxType[] x, OnnxType[] y) => x.SequenceEqual(y),
        _ => false,
    };

    /// <summary>Same element type, dims and bytes; string tensors are never considered equal.</summary>
    public static bool TensorEqual(ITensor a, ITensor b) =>
        a.DataType == b.DataType && a.DataType != DataType.String && a.Dims.SequenceEqual(b.Dims)
        && a.GetRawData().Span.SequenceEqual(b.GetRawData().Span);
}
