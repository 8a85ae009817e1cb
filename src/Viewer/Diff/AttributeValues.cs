using OnnxKit.Ir;

namespace OnnxKit.Viewer.Diff;

/// <summary>Value equality of attributes and tensors, for comparing models.</summary>
public static class AttributeValues
{
    /// <summary>True when the two attributes have the same kind and value (subgraphs compared by their printed IR).</summary>
    public static bool Equal(Ir.Attribute x, Ir.Attribute y)
    {
        if (x.Type != y.Type || x.RefAttributeName != y.RefAttributeName) return false;
        return (x.Value, y.Value) switch
        {
            (null, null) => true,
            (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
            (float[] a, float[] b) => a.AsSpan().SequenceEqual(b),
            (long[] a, long[] b) => a.AsSpan().SequenceEqual(b),
            (byte[][] a, byte[][] b) => a.Length == b.Length && a.Zip(b).All(p => p.First.AsSpan().SequenceEqual(p.Second)),
            (ITensor a, ITensor b) => TensorsEqual(a, b),
            (ITensor[] a, ITensor[] b) => a.Length == b.Length && a.Zip(b).All(p => TensorsEqual(p.First, p.Second)),
            (Graph a, Graph b) => IrPrinter.Print(a) == IrPrinter.Print(b),
            (Graph[] a, Graph[] b) => a.Length == b.Length && a.Zip(b).All(p => IrPrinter.Print(p.First) == IrPrinter.Print(p.Second)),
            var (a, b) => Equals(a, b) || AttributeFormatter.Format(x) == AttributeFormatter.Format(y),
        };
    }

    /// <summary>
    /// True when both tensors have the same element type, dims and data bytes. String tensors are
    /// compared element by element when both are in memory, otherwise by type and dims only.
    /// </summary>
    public static bool TensorsEqual(ITensor x, ITensor y)
    {
        if (x.DataType != y.DataType || !x.Dims.SequenceEqual(y.Dims)) return false;
        if (x.DataType == DataType.String)
        {
            return x is not StringTensor sx || y is not StringTensor sy
                || sx.Values.Zip(sy.Values).All(p => p.First.AsSpan().SequenceEqual(p.Second));
        }

        return ReferenceEquals(x, y) || x.GetRawData().Span.SequenceEqual(y.GetRawData().Span);
    }
}
