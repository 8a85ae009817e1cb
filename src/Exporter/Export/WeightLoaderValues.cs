using OnnxKit.Ir;

namespace OnnxKit.Exporter.Export;

/// <summary>Converts loaded arrays to float32 weight values.</summary>
internal static class WeightLoaderValues
{
    /// <summary>The elements as float32 (floating-point arrays only).</summary>
    public static float[] ToFloats(ITensor array) => array.DataType == DataType.Float
        ? array.ToArray<float>()
        : Array.ConvertAll(array.ToDoubleArray(), v => (float)v);
}
