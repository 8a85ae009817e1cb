using OnnxKit.Ir;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Training.Tests.Gradients;

/// <summary>How a test input of a single-operator model is made.</summary>
public enum InputKind
{
    /// <summary>A graph input whose gradient is checked; values uniform in [−1, 1].</summary>
    Differentiable,

    /// <summary>A differentiated graph input with values in [0.5, 2] (logarithms, square roots, divisors, variances).</summary>
    Positive,

    /// <summary>A graph input fed but not differentiated (BatchNormalization's running statistics), values in [0.5, 2].</summary>
    Statistic,

    /// <summary>A constant float initializer with the given values.</summary>
    FloatConstant,

    /// <summary>A constant int64 initializer with the given values (shapes, axes, pads).</summary>
    Int64Constant,
}

/// <summary>One input of a <see cref="GradientCase"/>.</summary>
public sealed record CaseInput(string Name, long[] Dims, InputKind Kind, double[]? Values = null)
{
    public bool IsDifferentiated => Kind is InputKind.Differentiable or InputKind.Positive;

    public bool IsGraphInput => Kind is InputKind.Differentiable or InputKind.Positive or InputKind.Statistic;
}

/// <summary>
/// A one-node model whose gradient is checked: the operator, its inputs and attributes, and
/// whether it runs in training mode (BatchNormalization with batch statistics).
/// </summary>
public sealed record GradientCase(string Name, string OpType, CaseInput[] Inputs, Attribute[] Attributes, bool Train = false)
{
    /// <summary>A differentiable input.</summary>
    public static CaseInput X(string name, params long[] dims) => new(name, dims, InputKind.Differentiable);

    /// <summary>A differentiable input with positive values.</summary>
    public static CaseInput Positive(string name, params long[] dims) => new(name, dims, InputKind.Positive);

    /// <summary>An int64 constant.</summary>
    public static CaseInput Ints(string name, params long[] values) => new(name, [values.Length], InputKind.Int64Constant, values.Select(v => (double)v).ToArray());

    /// <summary>A float scalar constant.</summary>
    public static CaseInput Scalar(string name, double value) => new(name, [], InputKind.FloatConstant, [value]);

    public override string ToString() => Name;
}
