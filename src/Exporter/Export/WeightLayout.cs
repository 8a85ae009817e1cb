namespace OnnxKit.Exporter.Export;

/// <summary>The layout of arrays in a weights file.</summary>
public enum WeightLayout
{
    /// <summary>Each array has the weight's own (ONNX) shape.</summary>
    Onnx,
    /// <summary>
    /// Arrays as Keras stores them (convolution kernels [kh, kw, in, out]); they are
    /// transposed to ONNX's layout. Weights whose layouts agree (Dense, BatchNormalization) are
    /// taken as they are.
    /// </summary>
    Keras,
}
