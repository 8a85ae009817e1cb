using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Rewriting;

/// <summary>
/// Writes rewrite patterns with the same operator vocabulary as <see cref="GraphBuilder"/>
/// (<c>p.Erf(x)</c>, <c>p.Op("ReduceMean", [x])</c>), over symbolic <see cref="PatternValue"/>s:
/// variables (<see cref="Var"/>), constants (numbers, <see cref="Scalar"/>,
/// <see cref="ConstantTensor"/>) and alternatives (<see cref="OneOf"/>). Attributes given to an
/// op must be present with equal values; other attributes are allowed.
/// </summary>
public sealed class PatternBuilder : OpBuilder<PatternValue>
{
    internal PatternBuilder()
    {
    }

    /// <summary>A variable: matches any (present) value; every use of the same name must be the same value.</summary>
    public PatternValue Var(string name) => PatternValue.Variable(this, name);

    /// <summary>
    /// A named constant whose elements are all equal (a scalar, or a filled tensor); binds that number
    /// (<see cref="PatternMatch.Scalar"/>). A second use of the name must hold the same number (to a relative 1e-5).
    /// </summary>
    public PatternValue Scalar(string name) => PatternValue.Scalar(this, name);

    /// <summary>A named constant of any contents (an initializer that is not an input, or a Constant node); binds the value.</summary>
    public PatternValue ConstantTensor(string name) => PatternValue.ConstantTensor(this, name);

    /// <summary>A constant whose elements all equal <paramref name="value"/> (a bare number in a pattern means the same).</summary>
    public PatternValue Constant(double value) => PatternValue.Constant(this, value);

    /// <summary>Whichever of <paramref name="alternatives"/> matches first, tried in order (for spellings that differ by opset).</summary>
    public PatternValue OneOf(params PatternValue[] alternatives) => PatternValue.OneOf(this, alternatives);

    /// <summary>A node of a non-default domain with one output.</summary>
    public PatternValue DomainOp(string domain, string opType, IReadOnlyList<PatternValue?> inputs, params IrAttribute[] attributes) =>
        Node(domain, opType, inputs, attributes, 1)[0];

    /// <inheritdoc/>
    protected override IReadOnlyList<PatternValue> Emit(string opType, IReadOnlyList<PatternValue?> inputs, IReadOnlyList<IrAttribute> attributes, int outputCount) =>
        Node("", opType, inputs, attributes, outputCount);

    private PatternValue[] Node(string domain, string opType, IReadOnlyList<PatternValue?> inputs, IReadOnlyList<IrAttribute> attributes, int outputCount)
    {
        var node = new PatternNode(domain, opType, inputs.ToArray(), attributes.ToArray());
        return Enumerable.Range(0, outputCount).Select(i => PatternValue.Output(this, node, i)).ToArray();
    }
}
