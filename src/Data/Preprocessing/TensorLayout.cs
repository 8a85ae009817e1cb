namespace OnnxKit.Data.Preprocessing;

/// <summary>How a model's image input orders its axes.</summary>
public enum TensorLayout
{
    /// <summary>Decided from the model's input shape: channels first when the first record axis is 1, 3 or 4 and the last is not.</summary>
    Auto,

    /// <summary>Channels first: <c>[batch, C, H, W]</c> (ONNX's convolution layout).</summary>
    Nchw,

    /// <summary>Channels last: <c>[batch, H, W, C]</c> (Keras's and TensorFlow's).</summary>
    Nhwc,
}
