using OnnxKit.Ir;

namespace OnnxKit.Runtime.Tensors;

/// <summary>What a tensor holds at a glance: shape, type, range, mean, non-finite counts and, for class scores, the top entries.</summary>
/// <param name="Name">The value's name.</param>
/// <param name="ElementType">ONNX's element type name.</param>
/// <param name="Dims">The shape.</param>
/// <param name="Min">The smallest finite element (null for strings, complex or empty tensors).</param>
/// <param name="Max">The largest finite element.</param>
/// <param name="Mean">The mean of the finite elements.</param>
/// <param name="NanCount">How many elements are NaN.</param>
/// <param name="InfCount">How many elements are ±infinity.</param>
/// <param name="TopK">For class scores (a float vector, or a batch of one), the highest entries, best first; otherwise null.</param>
public sealed record TensorSummary(string Name, string ElementType, IReadOnlyList<long> Dims, double? Min, double? Max, double? Mean,
    long NanCount, long InfCount, IReadOnlyList<TopEntry>? TopK)
{
    /// <summary>Summarizes <paramref name="tensor"/>, listing up to <paramref name="topK"/> top classes.</summary>
    public static TensorSummary Of(string name, ITensor tensor, int topK = 5)
    {
        var dims = tensor.Dims.ToArray();
        if (tensor.DataType is DataType.String or DataType.Complex64 or DataType.Complex128 || tensor.ElementCount == 0)
            return new(name, tensor.DataType.OnnxName(), dims, null, null, null, 0, 0, null);
        double[] values = tensor.ToDoubleArray();
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        long nan = 0, inf = 0, finite = 0;
        foreach (double v in values)
        {
            if (double.IsNaN(v)) nan++;
            else if (double.IsInfinity(v)) inf++;
            else
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
                sum += v;
                finite++;
            }
        }
        bool classScores = tensor.DataType.IsFloatingPoint() && values.Length >= 2 && topK > 0
            && (dims.Length == 1 || (dims.Length == 2 && dims[0] == 1));
        IReadOnlyList<TopEntry>? top = classScores
            ? values.Select((v, i) => new TopEntry(i, v)).Where(e => !double.IsNaN(e.Value)).OrderByDescending(e => e.Value).ThenBy(e => e.Index).Take(topK).ToArray()
            : null;
        return finite == 0
            ? new(name, tensor.DataType.OnnxName(), dims, null, null, null, nan, inf, top)
            : new(name, tensor.DataType.OnnxName(), dims, min, max, sum / finite, nan, inf, top);
    }
}
