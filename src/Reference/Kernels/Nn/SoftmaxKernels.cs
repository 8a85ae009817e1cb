using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Nn;

/// <summary>
/// Softmax, LogSoftmax and Hardmax. Before opset 13 the input is viewed as a matrix split at
/// <c>axis</c> (default 1) and each row is normalized; from opset 13 the normalization runs along
/// <c>axis</c> alone (default −1).
/// </summary>
internal static class SoftmaxKernels
{
    private enum Kind
    {
        Softmax,
        LogSoftmax,
        Hardmax,
    }

    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        foreach (var (op, kind) in new[] { ("Softmax", Kind.Softmax), ("LogSoftmax", Kind.LogSoftmax), ("Hardmax", Kind.Hardmax) })
        {
            r.Add(op, 1, 11, c => c.SetOutput(0, Normalize(c.Input(0), c.Int("axis", 1), flatten: true, kind)), computesInFloat32: true);
            r.Add(op, 13, 13, c => c.SetOutput(0, Normalize(c.Input(0), c.Int("axis", -1), flatten: false, kind)), computesInFloat32: true);
        }
    }

    private static TensorValue Normalize(TensorValue x, long axisValue, bool flatten, Kind kind)
    {
        int axis = ShapeMath.NormalizeAxis(axisValue, x.Rank);
        int outer, length, inner;
        if (flatten)
        {
            (outer, length, inner) = (ShapeMath.Product(x.Dims, 0, axis), ShapeMath.Product(x.Dims, axis, x.Rank), 1);
        }
        else
        {
            (outer, length, inner) = (ShapeMath.Product(x.Dims, 0, axis), x.Dims[axis], ShapeMath.Product(x.Dims, axis + 1, x.Rank));
        }
        var values = ElementConverter.ToDoubles(x);
        var result = new double[values.Length];
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                int start = o * length * inner + i;
                double max = double.NegativeInfinity;
                int argMax = 0;
                for (int j = 0; j < length; j++)
                {
                    double v = values[start + j * inner];
                    if (v > max)
                    {
                        max = v;
                        argMax = j;
                    }
                }
                if (kind == Kind.Hardmax)
                {
                    result[start + argMax * inner] = 1;
                    continue;
                }
                double sum = 0;
                for (int j = 0; j < length; j++) sum += Math.Exp(values[start + j * inner] - max);
                double logSum = Math.Log(sum);
                for (int j = 0; j < length; j++)
                {
                    double shifted = values[start + j * inner] - max;
                    result[start + j * inner] = kind == Kind.Softmax ? Math.Exp(shifted) / sum : shifted - logSum;
                }
            }
        }
        return new TensorValue(x.ElementType, x.Dims, ElementConverter.FromDoubles(result, x.ElementType));
    }
}
