using System.Globalization;
using OnnxKit.Ir;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Rewriting;

/// <summary>
/// A symbolic value in a rewrite pattern: a variable that matches any value, a constant, or the
/// output of a pattern node. Patterns are written with a <see cref="PatternBuilder"/> and C#
/// arithmetic, so they read like the math they match:
/// <c>0.5 * x * (1 + p.Erf(x / Math.Sqrt(2)))</c>. A number stands for a constant (an initializer or
/// a Constant node) whose elements all equal it to a relative 1e-5, as constants stored in float32 do.
/// </summary>
public sealed class PatternValue
{
    private PatternValue(PatternKind kind, PatternBuilder? builder, string? name = null, double number = 0,
        PatternNode? node = null, int outputIndex = 0, IReadOnlyList<PatternValue>? alternatives = null)
    {
        Kind = kind;
        Builder = builder;
        Name = name;
        Number = number;
        Node = node;
        OutputIndex = outputIndex;
        Alternatives = alternatives ?? [];
    }

    internal PatternKind Kind { get; }

    /// <summary>The builder that made this value (for the arithmetic operators); null for a bare number.</summary>
    internal PatternBuilder? Builder { get; }

    /// <summary>The binding name of a variable or named constant.</summary>
    internal string? Name { get; }

    /// <summary>The number a <see cref="PatternKind.Number"/> stands for.</summary>
    internal double Number { get; }

    /// <summary>The producing pattern node of a <see cref="PatternKind.NodeOutput"/>.</summary>
    internal PatternNode? Node { get; }

    /// <summary>Which output of <see cref="Node"/> this is.</summary>
    internal int OutputIndex { get; }

    /// <summary>The choices of a <see cref="PatternKind.OneOf"/>.</summary>
    internal IReadOnlyList<PatternValue> Alternatives { get; }

    internal static PatternValue Variable(PatternBuilder builder, string name) => new(PatternKind.Variable, builder, name);

    internal static PatternValue Scalar(PatternBuilder builder, string name) => new(PatternKind.Scalar, builder, name);

    internal static PatternValue ConstantTensor(PatternBuilder builder, string name) => new(PatternKind.ConstantTensor, builder, name);

    internal static PatternValue Constant(PatternBuilder? builder, double value) => new(PatternKind.Number, builder, number: value);

    internal static PatternValue Output(PatternBuilder builder, PatternNode node, int index) => new(PatternKind.NodeOutput, builder, node: node, outputIndex: index);

    internal static PatternValue OneOf(PatternBuilder builder, IReadOnlyList<PatternValue> alternatives) => new(PatternKind.OneOf, builder, alternatives: alternatives);

    /// <summary>A number in a pattern: a constant whose elements all equal it.</summary>
    public static implicit operator PatternValue(double value) => Constant(null, value);

    /// <summary>a + b (matched in either order; a longer sum in any association).</summary>
    public static PatternValue operator +(PatternValue a, PatternValue b) => BuilderOf(a, b).Add(a, b);

    /// <summary>a − b.</summary>
    public static PatternValue operator -(PatternValue a, PatternValue b) => BuilderOf(a, b).Sub(a, b);

    /// <summary>a · b (matched in either order; a longer product in any association).</summary>
    public static PatternValue operator *(PatternValue a, PatternValue b) => BuilderOf(a, b).Mul(a, b);

    /// <summary>a / b.</summary>
    public static PatternValue operator /(PatternValue a, PatternValue b) => BuilderOf(a, b).Div(a, b);

    /// <summary>
    /// Names the node producing this value, so checks and the replacement can read it with
    /// <see cref="PatternMatch.Node"/>. Returns this value.
    /// </summary>
    public PatternValue Named(string nodeName)
    {
        ProducerNode().BindingName = nodeName;
        return this;
    }

    /// <summary>
    /// Lets the producing node have more inputs than the pattern lists (an optional axes input,
    /// a Dropout's ratio, ...); they are not matched. Returns this value.
    /// </summary>
    public PatternValue AllowingOtherInputs()
    {
        ProducerNode().AllowOtherInputs = true;
        return this;
    }

    /// <summary>
    /// Requires the producing node's attribute <paramref name="attribute"/> (null when absent) to
    /// satisfy <paramref name="predicate"/>. Returns this value.
    /// </summary>
    public PatternValue Where(string attribute, Func<IrAttribute?, bool> predicate)
    {
        ProducerNode().AttributePredicates.Add((attribute, predicate));
        return this;
    }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        PatternKind.Variable or PatternKind.Scalar or PatternKind.ConstantTensor => Name!,
        PatternKind.Number => Number.ToString("G6", CultureInfo.InvariantCulture),
        PatternKind.OneOf => $"OneOf({Alternatives.Count})",
        _ => Node!.OpType + (OutputIndex == 0 ? "" : $"[{OutputIndex}]"),
    };

    private PatternNode ProducerNode() =>
        Node ?? throw new InvalidOperationException($"'{this}' is not the output of a pattern node.");

    private static PatternBuilder BuilderOf(PatternValue a, PatternValue b) =>
        a.Builder ?? b.Builder ?? throw new InvalidOperationException("Arithmetic on two bare numbers is not a pattern; compute it in C#.");
}
