namespace OnnxKit.Exporter;

/// <summary>How a convolution or pooling window treats the borders (Keras's <c>padding</c>).</summary>
public enum Padding
{
    /// <summary>No padding: windows stay inside the input.</summary>
    Valid,
    /// <summary>TensorFlow's SAME: the output has ⌈input/stride⌉ positions; any odd padding goes at the end.</summary>
    Same,
}
