using System.Globalization;
using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter;

/// <summary>
/// An elementwise (or, for softmax, per-axis) activation: a layer's <c>activation</c> argument
/// (<c>Layers.Dense(64, Activation.Relu)</c>) or an activation layer's function
/// (<c>Layers.Activation(Activation.Softmax)</c>). The set is closed and typed, so a misspelt
/// activation does not compile; it holds Keras's activations (<c>keras.activations</c>) with
/// Keras's default constants. <see cref="HardSigmoid"/> is Keras 2's max(0, min(1, 0.2·x + 0.5)),
/// which is ONNX's HardSigmoid default; <see cref="LeakyRelu"/> defaults to Keras's activation
/// slope 0.2.
/// </summary>
public sealed class Activation
{
    private readonly Func<OnnxGraphBuilder, Value, int, Value> apply;

    private Activation(string name, Func<OnnxGraphBuilder, Value, int, Value> apply, bool isLinear = false)
    {
        Name = name;
        this.apply = apply;
        IsLinear = isLinear;
    }

    /// <summary>The identity; emits nothing.</summary>
    public static Activation Linear { get; } = new("linear", (_, x, _) => x, isLinear: true);

    /// <summary>max(0, x).</summary>
    public static Activation Relu { get; } = new("relu", (b, x, _) => b.Relu(x));

    /// <summary>min(max(0, x), 6), exported as Clip.</summary>
    public static Activation Relu6 { get; } = new("relu6", (b, x, _) => b.Clip(x, 0f, 6f));

    /// <summary>x · sigmoid(x).</summary>
    public static Activation Swish { get; } = new("swish", (b, x, _) => b.Swish(x));

    /// <summary>Another name for <see cref="Swish"/>.</summary>
    public static Activation Silu { get; } = new("silu", (b, x, _) => b.Swish(x));

    /// <summary>Scaled ELU.</summary>
    public static Activation Selu { get; } = new("selu", (b, x, _) => b.Selu(x));

    /// <summary>Logistic sigmoid.</summary>
    public static Activation Sigmoid { get; } = new("sigmoid", (b, x, _) => b.Sigmoid(x));

    /// <summary>Keras 2's piecewise-linear sigmoid, max(0, min(1, 0.2·x + 0.5)).</summary>
    public static Activation HardSigmoid { get; } = new("hard_sigmoid", (b, x, _) => b.HardSigmoid(x, 0.2f, 0.5f));

    /// <summary>x · relu6(x + 3) / 6.</summary>
    public static Activation HardSwish { get; } = new("hard_swish", (b, x, _) => b.HardSwish(x));

    /// <summary>Hyperbolic tangent.</summary>
    public static Activation Tanh { get; } = new("tanh", (b, x, _) => b.Tanh(x));

    /// <summary>ln(1 + eˣ).</summary>
    public static Activation Softplus { get; } = new("softplus", (b, x, _) => b.Softplus(x));

    /// <summary>Softmax over the last axis.</summary>
    public static Activation Softmax { get; } = SoftmaxOver(-1);

    /// <summary>Exact GELU, x·Φ(x).</summary>
    public static Activation Gelu { get; } = new("gelu", (b, x, _) => b.Gelu(x, approximate: false));

    /// <summary>The Keras name (<c>relu</c>, <c>softmax</c>, <c>leaky_relu(alpha=0.1)</c>).</summary>
    public string Name { get; }

    /// <summary>True for the identity (<see cref="Linear"/>), which emits no node.</summary>
    public bool IsLinear { get; }

    /// <summary>Softmax over <paramref name="axis"/> (batch counted: −1 is the last axis, 1 the first per-example axis).</summary>
    public static Activation SoftmaxOver(int axis) =>
        new(axis == -1 ? "softmax" : $"softmax(axis={axis})", (b, x, rank) => b.Softmax(x, CheckAxis(axis, rank), rank));

    /// <summary>GELU, exact or with the tanh approximation.</summary>
    public static Activation GeluWith(bool approximate) =>
        approximate ? new("gelu(approximate)", (b, x, _) => b.Gelu(x, approximate: true)) : Gelu;

    /// <summary>x for x ≥ 0, alpha·x otherwise.</summary>
    public static Activation LeakyRelu(float alpha = 0.2f) =>
        new(alpha == 0.2f ? "leaky_relu" : $"leaky_relu(alpha={Format(alpha)})", (b, x, _) => b.LeakyRelu(x, alpha));

    /// <summary>x for x &gt; 0, alpha·(eˣ − 1) otherwise.</summary>
    public static Activation Elu(float alpha = 1f) =>
        new(alpha == 1f ? "elu" : $"elu(alpha={Format(alpha)})", (b, x, _) => b.Elu(x, alpha));

    /// <summary>Emits the activation applied to <paramref name="x"/>, a tensor of rank <paramref name="rank"/> (batch included).</summary>
    public Value Apply(OnnxGraphBuilder builder, Value x, int rank) => apply(builder, x, rank);

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static int CheckAxis(int axis, int rank)
    {
        int resolved = axis < 0 ? axis + rank : axis;
        if (resolved <= 0 || resolved >= rank)
            throw new OnnxKitException($"Softmax axis {axis} is out of range for a rank-{rank} tensor (the batch axis 0 cannot be normalized).");
        return resolved;
    }

    private static string Format(float value) => value.ToString(CultureInfo.InvariantCulture);
}
