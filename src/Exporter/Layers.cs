using OnnxKit.Exporter.Initialization;
using OnnxKit.Exporter.StandardLayers;
using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter;

/// <summary>
/// Layer factories named as in Keras (<c>Layers.Dense(64, Activation.Relu)</c>). Each returns a new
/// layer, to be called on symbolic tensors or added to a Sequential model. The DSL is
/// channels-first: images are [channels, height, width] per example. The layer types
/// themselves live in <c>OnnxKit.Exporter.StandardLayers</c> (as TorchSharp keeps its
/// <c>nn</c> factory apart from its module types).
/// </summary>
public static class Layers
{
    /// <summary>A model input of per-example shape <paramref name="shape"/> (float32); returns its symbolic tensor.</summary>
    public static SymbolicTensor Input(params long[] shape) => new InputLayer(shape).Output;

    /// <summary>A named or typed model input; returns its symbolic tensor.</summary>
    public static SymbolicTensor Input(long[] shape, string? name = null, DataType dataType = DataType.Float) => new InputLayer(shape, dataType, name).Output;

    /// <summary>An input layer object, to start a Sequential model.</summary>
    public static InputLayer InputLayer(params long[] shape) => new(shape);

    /// <summary>A fully connected layer.</summary>
    public static Dense Dense(int units, Activation? activation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null, string? name = null) =>
        new(units, activation, useBias, kernelInitializer, biasInitializer, name);

    /// <summary>A 1-D convolution over [channels, length].</summary>
    public static Conv1D Conv1D(int filters, int kernelSize, int strides = 1, Padding padding = Padding.Valid, int dilation = 1, int groups = 1,
        Activation? activation = null, bool useBias = true, Initializer? kernelInitializer = null, Initializer? biasInitializer = null, string? name = null) =>
        new(filters, kernelSize, strides, padding, dilation, groups, activation, useBias, kernelInitializer, biasInitializer, name);

    /// <summary>A 2-D convolution over [channels, height, width].</summary>
    public static Conv2D Conv2D(int filters, Size2 kernelSize, Size2? strides = null, Padding padding = Padding.Valid, Size2? dilation = null, int groups = 1,
        Activation? activation = null, bool useBias = true, Initializer? kernelInitializer = null, Initializer? biasInitializer = null, string? name = null) =>
        new(filters, kernelSize, strides, padding, dilation, groups, activation, useBias, kernelInitializer, biasInitializer, name);

    /// <summary>A depthwise 2-D convolution.</summary>
    public static DepthwiseConv2D DepthwiseConv2D(Size2 kernelSize, Size2? strides = null, Padding padding = Padding.Valid, int depthMultiplier = 1,
        Size2? dilation = null, Activation? activation = null, bool useBias = true,
        Initializer? depthwiseInitializer = null, Initializer? biasInitializer = null, string? name = null) =>
        new(kernelSize, strides, padding, depthMultiplier, dilation, activation, useBias, depthwiseInitializer, biasInitializer, name);

    /// <summary>A depthwise-separable 2-D convolution.</summary>
    public static SeparableConv2D SeparableConv2D(int filters, Size2 kernelSize, Size2? strides = null, Padding padding = Padding.Valid, int depthMultiplier = 1,
        Size2? dilation = null, Activation? activation = null, bool useBias = true, string? name = null) =>
        new(filters, kernelSize, strides, padding, depthMultiplier, dilation, activation, useBias, name: name);

    /// <summary>A transposed 2-D convolution.</summary>
    public static Conv2DTranspose Conv2DTranspose(int filters, Size2 kernelSize, Size2? strides = null, Padding padding = Padding.Valid, Size2? dilation = null,
        Activation? activation = null, bool useBias = true, string? name = null) =>
        new(filters, kernelSize, strides, padding, dilation, activation, useBias, name: name);

    /// <summary>2-D max pooling; strides default to the pool size.</summary>
    public static MaxPooling2D MaxPooling2D(Size2? poolSize = null, Size2? strides = null, Padding padding = Padding.Valid, string? name = null) =>
        new(poolSize, strides, padding, name);

    /// <summary>Keras's alias of <see cref="MaxPooling2D"/>.</summary>
    public static MaxPooling2D MaxPool2D(Size2? poolSize = null, Size2? strides = null, Padding padding = Padding.Valid, string? name = null) =>
        new(poolSize, strides, padding, name);

    /// <summary>2-D average pooling; strides default to the pool size.</summary>
    public static AveragePooling2D AveragePooling2D(Size2? poolSize = null, Size2? strides = null, Padding padding = Padding.Valid, string? name = null) =>
        new(poolSize, strides, padding, name);

    /// <summary>The mean of each feature map.</summary>
    public static GlobalAveragePooling2D GlobalAveragePooling2D(bool keepDims = false, string? name = null) => new(keepDims, name);

    /// <summary>The maximum of each feature map.</summary>
    public static GlobalMaxPooling2D GlobalMaxPooling2D(bool keepDims = false, string? name = null) => new(keepDims, name);

    /// <summary>Flattens each example.</summary>
    public static Flatten Flatten(string? name = null) => new(name);

    /// <summary>Reshapes each example (one −1 allowed).</summary>
    public static Reshape Reshape(long[] targetShape, string? name = null) => new(targetShape, name);

    /// <summary>Permutes per-example axes (1-based, as in Keras).</summary>
    public static Permute Permute(int[] dims, string? name = null) => new(dims, name);

    /// <summary>Dropout (the identity at inference).</summary>
    public static Dropout Dropout(float rate, string? name = null) => new(rate, name);

    /// <summary>Batch normalization with Keras's defaults.</summary>
    public static BatchNormalization BatchNormalization(float epsilon = 1e-3f, float momentum = 0.99f, bool center = true, bool scale = true, string? name = null) =>
        new(epsilon, momentum, center, scale, name);

    /// <summary>Layer normalization over the axes from <paramref name="axis"/> on.</summary>
    public static LayerNormalization LayerNormalization(int axis = -1, float epsilon = 1e-3f, bool center = true, bool scale = true, string? name = null) =>
        new(axis, epsilon, center, scale, name);

    /// <summary>Elementwise sum.</summary>
    public static Add Add(string? name = null) => new(name);

    /// <summary>Elementwise difference of two inputs.</summary>
    public static Subtract Subtract(string? name = null) => new(name);

    /// <summary>Elementwise product.</summary>
    public static Multiply Multiply(string? name = null) => new(name);

    /// <summary>Elementwise mean.</summary>
    public static Average Average(string? name = null) => new(name);

    /// <summary>Concatenation along an axis (batch = 0, −1 = last).</summary>
    public static Concatenate Concatenate(int axis = -1, string? name = null) => new(axis, name);

    /// <summary>Symmetric zero padding of height and width.</summary>
    public static ZeroPadding2D ZeroPadding2D(Size2 padding, string? name = null) =>
        new(padding.Height, padding.Height, padding.Width, padding.Width, name);

    /// <summary>Zero padding with (top, bottom) and (left, right) amounts.</summary>
    public static ZeroPadding2D ZeroPadding2D((int Top, int Bottom) rows, (int Left, int Right) columns, string? name = null) =>
        new(rows.Top, rows.Bottom, columns.Left, columns.Right, name);

    /// <summary>Upsampling by integer factors.</summary>
    public static UpSampling2D UpSampling2D(Size2? size = null, Interpolation interpolation = Interpolation.Nearest, string? name = null) =>
        new(size, interpolation, name);

    /// <summary>An activation as a layer (<c>Layers.Activation(Activation.Softmax)</c>).</summary>
    public static ActivationLayer Activation(Activation function, string? name = null) => new(function, name);

    /// <summary>Keras's ReLU layer.</summary>
    public static ReLU ReLU(float? maxValue = null, float negativeSlope = 0f, float threshold = 0f, string? name = null) =>
        new(maxValue, negativeSlope, threshold, name);

    /// <summary>Softmax over an axis as a layer.</summary>
    public static Softmax Softmax(int axis = -1, string? name = null) => new(axis, name);

    /// <summary>Clamps values to [min, max].</summary>
    public static Clip Clip(float? min, float? max, string? name = null) => new(min, max, name);

    /// <summary>A custom single-input sub-graph written with the opset-aware builder.</summary>
    public static Lambda Lambda(Func<OnnxGraphBuilder, Value, Value> body, Func<long[], long[]>? outputShape = null, string? name = null) =>
        new((builder, inputs) => body(builder, inputs[0]), 1, outputShape is null ? null : shapes => outputShape(shapes[0]), name);

    /// <summary>A custom sub-graph over several inputs.</summary>
    public static Lambda Lambda(int inputCount, Func<OnnxGraphBuilder, IReadOnlyList<Value>, Value> body,
        Func<IReadOnlyList<long[]>, long[]>? outputShape = null, string? name = null) =>
        new(body, inputCount, outputShape, name);
}
