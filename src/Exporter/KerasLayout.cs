using OnnxKit.Exporter.Export;
using OnnxKit.Ir;

namespace OnnxKit.Exporter;

/// <summary>
/// How Keras stores a weight whose ONNX layout differs (Conv kernels are
/// <c>[kh, kw, in, out]</c> in Keras and <c>[out, in, kh, kw]</c> in ONNX): Keras's shape and
/// the axis permutation that turns it into ONNX's order, after which the data is reshaped
/// to the weight's shape (for depthwise kernels, <c>[in, multiplier, kh, kw]</c> becomes
/// <c>[in·multiplier, 1, kh, kw]</c>).
/// </summary>
/// <param name="Shape">Keras's shape of the weight.</param>
/// <param name="Permutation">Output axis <c>i</c> is Keras's axis <c>Permutation[i]</c>.</param>
public sealed record KerasLayout(long[] Shape, int[] Permutation)
{
    /// <summary>Converts a Keras-ordered array to ONNX's element order (float32).</summary>
    public float[] ToOnnxOrder(ITensor array)
    {
        if (!array.Dims.SequenceEqual(Shape))
            throw new ArgumentException($"Expected Keras shape {ShapeText.FormatDims(Shape)}, got {ShapeText.FormatDims(array.Dims)}.", nameof(array));
        return Transpose(WeightLoaderValues.ToFloats(array), Shape, Permutation);
    }

    internal static float[] Transpose(float[] source, IReadOnlyList<long> shape, IReadOnlyList<int> permutation)
    {
        int rank = shape.Count;
        var sourceStrides = new long[rank];
        long stride = 1;
        for (int axis = rank - 1; axis >= 0; axis--)
        {
            sourceStrides[axis] = stride;
            stride *= shape[axis];
        }
        var outShape = permutation.Select(p => shape[p]).ToArray();
        var result = new float[source.Length];
        var index = new long[rank];
        for (long o = 0; o < result.LongLength; o++)
        {
            long s = 0;
            for (int axis = 0; axis < rank; axis++) s += index[axis] * sourceStrides[permutation[axis]];
            result[o] = source[s];
            for (int axis = rank - 1; axis >= 0; axis--)
            {
                if (++index[axis] < outShape[axis]) break;
                index[axis] = 0;
            }
        }
        return result;
    }
}
