using OnnxKit.Ir;

namespace OnnxKit.Reference.Kernels.Elementwise;

/// <summary>Applies a float function to each element of a float32 or float64 tensor.</summary>
internal static class FloatMap
{
    /// <summary>A vectorized span function (TensorPrimitives' shape).</summary>
    public delegate void SpanFunc<T>(ReadOnlySpan<T> x, Span<T> result);

    /// <summary>Applies the span functions: <paramref name="single"/> to float32, <paramref name="wide"/> to float64.</summary>
    public static TensorValue Apply(TensorValue x, SpanFunc<float> single, SpanFunc<double> wide)
    {
        switch (x.ElementType)
        {
            case DataType.Float:
                {
                    var result = new float[x.ElementCount];
                    single(x.Array<float>(), result);
                    return new TensorValue(x.ElementType, x.Dims, result);
                }
            case DataType.Double:
                {
                    var result = new double[x.ElementCount];
                    wide(x.Array<double>(), result);
                    return new TensorValue(x.ElementType, x.Dims, result);
                }
            default:
                throw NumericTypes.Unsupported(x.ElementType);
        }
    }

    /// <summary>Applies <paramref name="f"/> element by element, in double precision (float32 results are rounded once).</summary>
    public static TensorValue Apply(TensorValue x, Func<double, double> f) => x.ElementType switch
    {
        DataType.Float => new TensorValue(x.ElementType, x.Dims, Array.ConvertAll(x.Array<float>(), v => (float)f(v))),
        DataType.Double => new TensorValue(x.ElementType, x.Dims, Array.ConvertAll(x.Array<double>(), v => f(v))),
        _ => throw NumericTypes.Unsupported(x.ElementType),
    };

    /// <summary>Applies a predicate element by element; the result is bool.</summary>
    public static TensorValue Test(TensorValue x, Func<double, bool> predicate) => x.ElementType switch
    {
        DataType.Float => new TensorValue(DataType.Bool, x.Dims, Array.ConvertAll(x.Array<float>(), v => predicate(v))),
        DataType.Double => new TensorValue(DataType.Bool, x.Dims, Array.ConvertAll(x.Array<double>(), v => predicate(v))),
        _ => throw NumericTypes.Unsupported(x.ElementType),
    };
}
