using OnnxKit.Exporter.Initialization;

namespace OnnxKit.Exporter;

/// <summary>Weight initializers by their Keras names. All random ones are seeded (see <see cref="Weight"/>).</summary>
public static class Initializers
{
    /// <summary>All zeros (Keras's default for biases).</summary>
    public static Initializer Zeros { get; } = new ConstantInitializer(0f);

    /// <summary>All ones.</summary>
    public static Initializer Ones { get; } = new ConstantInitializer(1f);

    /// <summary>Uniform in ±√(6/(fan_in+fan_out)) (Keras's default for kernels).</summary>
    public static Initializer GlorotUniform { get; } = new VarianceScalingInitializer("glorot_uniform", 1, FanMode.FanAverage, VarianceDistribution.Uniform);

    /// <summary>Truncated normal with variance 2/(fan_in+fan_out).</summary>
    public static Initializer GlorotNormal { get; } = new VarianceScalingInitializer("glorot_normal", 1, FanMode.FanAverage, VarianceDistribution.TruncatedNormal);

    /// <summary>Truncated normal with variance 2/fan_in.</summary>
    public static Initializer HeNormal { get; } = new VarianceScalingInitializer("he_normal", 2, FanMode.FanIn, VarianceDistribution.TruncatedNormal);

    /// <summary>Uniform in ±√(6/fan_in).</summary>
    public static Initializer HeUniform { get; } = new VarianceScalingInitializer("he_uniform", 2, FanMode.FanIn, VarianceDistribution.Uniform);

    /// <summary>Truncated normal with variance 1/fan_in (for selu networks).</summary>
    public static Initializer LecunNormal { get; } = new VarianceScalingInitializer("lecun_normal", 1, FanMode.FanIn, VarianceDistribution.TruncatedNormal);

    /// <summary>Every element <paramref name="value"/>.</summary>
    public static Initializer Constant(float value) => new ConstantInitializer(value);

    /// <summary>Explicit values in ONNX's layout (row-major over the weight's shape).</summary>
    public static Initializer FromArray(params float[] values) => new ArrayInitializer(values);

    /// <summary>Values computed from the weight's shape (for fixed kernels such as a Gaussian blur).</summary>
    public static Initializer FromFunction(string name, Func<IReadOnlyList<long>, float[]> function) => new FunctionInitializer(name, function);

    /// <summary>Keras's VarianceScaling initializer.</summary>
    public static Initializer VarianceScaling(double scale, FanMode mode, VarianceDistribution distribution) =>
        new VarianceScalingInitializer("variance_scaling", scale, mode, distribution);
}
