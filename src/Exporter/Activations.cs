using System.Globalization;
using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter;

/// <summary>
/// The activations of Keras (<c>keras.activations</c>), with Keras's default constants.
/// <c>hard_sigmoid</c> is Keras 2's max(0, min(1, 0.2·x + 0.5)), which is ONNX's HardSigmoid
/// default; <c>leaky_relu</c> uses Keras's activation default slope 0.2.
/// </summary>
public static class Activations
{
    /// <summary>The identity; emits nothing.</summary>
    public static ActivationFunction Linear { get; } = new Builtin("linear", (_, x, _) => x, isLinear: true);

    /// <summary>max(0, x).</summary>
    public static ActivationFunction Relu { get; } = new Builtin("relu", (b, x, _) => b.Relu(x));

    /// <summary>min(max(0, x), 6), exported as Clip.</summary>
    public static ActivationFunction Relu6 { get; } = new Builtin("relu6", (b, x, _) => b.Clip(x, 0f, 6f));

    /// <summary>x · sigmoid(x).</summary>
    public static ActivationFunction Swish { get; } = new Builtin("swish", (b, x, _) => b.Swish(x));

    /// <summary>Another name for <see cref="Swish"/>.</summary>
    public static ActivationFunction Silu { get; } = new Builtin("silu", (b, x, _) => b.Swish(x));

    /// <summary>Scaled ELU.</summary>
    public static ActivationFunction Selu { get; } = new Builtin("selu", (b, x, _) => b.Selu(x));

    /// <summary>Logistic sigmoid.</summary>
    public static ActivationFunction Sigmoid { get; } = new Builtin("sigmoid", (b, x, _) => b.Sigmoid(x));

    /// <summary>Keras 2's piecewise-linear sigmoid, max(0, min(1, 0.2·x + 0.5)).</summary>
    public static ActivationFunction HardSigmoid { get; } = new Builtin("hard_sigmoid", (b, x, _) => b.HardSigmoid(x, 0.2f, 0.5f));

    /// <summary>x · relu6(x + 3) / 6.</summary>
    public static ActivationFunction HardSwish { get; } = new Builtin("hard_swish", (b, x, _) => b.HardSwish(x));

    /// <summary>Hyperbolic tangent.</summary>
    public static ActivationFunction Tanh { get; } = new Builtin("tanh", (b, x, _) => b.Tanh(x));

    /// <summary>ln(1 + eˣ).</summary>
    public static ActivationFunction Softplus { get; } = new Builtin("softplus", (b, x, _) => b.Softplus(x));

    /// <summary>Softmax over the last axis.</summary>
    public static ActivationFunction Softmax { get; } = SoftmaxOver(-1);

    /// <summary>Exact GELU, x·Φ(x).</summary>
    public static ActivationFunction Gelu { get; } = new Builtin("gelu", (b, x, _) => b.Gelu(x, approximate: false));

    /// <summary>Softmax over <paramref name="axis"/> (batch counted: −1 is the last axis, 1 the first per-example axis).</summary>
    public static ActivationFunction SoftmaxOver(int axis) =>
        new Builtin(axis == -1 ? "softmax" : $"softmax(axis={axis})", (b, x, rank) => b.Softmax(x, CheckAxis(axis, rank), rank));

    /// <summary>GELU, exact or with the tanh approximation.</summary>
    public static ActivationFunction GeluWith(bool approximate) =>
        approximate ? new Builtin("gelu(approximate)", (b, x, _) => b.Gelu(x, approximate: true)) : Gelu;

    /// <summary>x for x ≥ 0, alpha·x otherwise.</summary>
    public static ActivationFunction LeakyRelu(float alpha = 0.2f) =>
        new Builtin(alpha == 0.2f ? "leaky_relu" : $"leaky_relu(alpha={Format(alpha)})", (b, x, _) => b.LeakyRelu(x, alpha));

    /// <summary>x for x &gt; 0, alpha·(eˣ − 1) otherwise.</summary>
    public static ActivationFunction Elu(float alpha = 1f) =>
        new Builtin(alpha == 1f ? "elu" : $"elu(alpha={Format(alpha)})", (b, x, _) => b.Elu(x, alpha));

    /// <summary>The activation with Keras name <paramref name="name"/> (default constants).</summary>
    public static ActivationFunction Get(string name) => name switch
    {
        "linear" or "none" => Linear,
        "relu" => Relu,
        "relu6" => Relu6,
        "leaky_relu" => LeakyRelu(),
        "elu" => Elu(),
        "selu" => Selu,
        "sigmoid" => Sigmoid,
        "hard_sigmoid" => HardSigmoid,
        "hard_swish" => HardSwish,
        "tanh" => Tanh,
        "softmax" => Softmax,
        "softplus" => Softplus,
        "swish" => Swish,
        "silu" => Silu,
        "gelu" => Gelu,
        _ => throw new ArgumentException($"Unknown activation '{name}'. Known: linear, relu, relu6, leaky_relu, elu, selu, sigmoid, hard_sigmoid, hard_swish, tanh, softmax, softplus, swish, silu, gelu.", nameof(name)),
    };

    private static int CheckAxis(int axis, int rank)
    {
        int resolved = axis < 0 ? axis + rank : axis;
        if (resolved <= 0 || resolved >= rank)
            throw new OnnxKitException($"Softmax axis {axis} is out of range for a rank-{rank} tensor (the batch axis 0 cannot be normalized).");
        return resolved;
    }

    private static string Format(float value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class Builtin(string name, Func<OnnxGraphBuilder, Value, int, Value> apply, bool isLinear = false) : ActivationFunction
    {
        public override string Name => name;

        public override bool IsLinear => isLinear;

        public override Value Apply(OnnxGraphBuilder builder, Value x, int rank) => apply(builder, x, rank);
    }
}
