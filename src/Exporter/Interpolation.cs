namespace OnnxKit.Exporter;

/// <summary>How UpSampling2D fills new pixels.</summary>
public enum Interpolation
{
    /// <summary>Repeat each pixel.</summary>
    Nearest,
    /// <summary>Bilinear with TensorFlow's half-pixel centres (opset 11 and newer).</summary>
    Bilinear,
}
