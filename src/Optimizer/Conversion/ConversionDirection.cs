namespace OnnxKit.Optimizer.Conversion;

/// <summary>Which way a node crosses an opset where its operator changed.</summary>
public enum ConversionDirection
{
    /// <summary>From an older opset to a newer one.</summary>
    Up,

    /// <summary>From a newer opset to an older one.</summary>
    Down,
}
