using OnnxKit.Ir;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Rewriting;

/// <summary>
/// One operator in a rewrite pattern: its domain and op type, its inputs (null for an input that
/// must be omitted), the attributes it must have, and the options set through
/// <see cref="PatternValue"/>'s fluent methods.
/// </summary>
internal sealed class PatternNode(string domain, string opType, IReadOnlyList<PatternValue?> inputs, IReadOnlyList<IrAttribute> attributes)
{
    /// <summary>Operators whose inputs may be matched in any order.</summary>
    private static readonly HashSet<string> Commutative = new(StringComparer.Ordinal)
    {
        "Add", "Mul", "Equal", "And", "Or", "Xor", "BitwiseAnd", "BitwiseOr", "BitwiseXor", "Max", "Min", "Sum", "Mean",
    };

    /// <summary>Operators whose chains the matcher reads as one n-ary operation (as <see cref="Matching.Operands"/> does).</summary>
    private static readonly HashSet<string> Associative = new(StringComparer.Ordinal) { "Add", "Mul" };

    public string Domain { get; } = domain;

    public string OpType { get; } = opType;

    public IReadOnlyList<PatternValue?> Inputs { get; } = inputs;

    /// <summary>Attributes the matched node must have with equal values.</summary>
    public IReadOnlyList<IrAttribute> Attributes { get; } = attributes;

    /// <summary>Conditions on attributes (the attribute is null when absent).</summary>
    public List<(string Name, Func<IrAttribute?, bool> Predicate)> AttributePredicates { get; } = [];

    /// <summary>The node may have inputs beyond <see cref="Inputs"/>.</summary>
    public bool AllowOtherInputs { get; set; }

    /// <summary>The name checks and replacements read the matched node by.</summary>
    public string? BindingName { get; set; }

    /// <summary>How many times the pattern refers to this node's outputs (set when the pattern is built).</summary>
    public int References { get; set; }

    /// <summary>
    /// For an Add or Mul whose pattern spells a chain of three or more operands (<c>a * b * c</c>), those
    /// operands, in the order written; otherwise null.
    /// </summary>
    public IReadOnlyList<PatternValue>? ChainOperands { get; set; }

    public bool IsCommutative => DomainNames.IsDefault(Domain) && Commutative.Contains(OpType);

    public bool IsAssociative => DomainNames.IsDefault(Domain) && Associative.Contains(OpType);

    /// <summary>True when a graph node has this node's domain and op type.</summary>
    public bool Accepts(Node node) => node.OpType == OpType && DomainNames.Same(node.Domain, Domain);

    public override string ToString() => DomainNames.IsDefault(Domain) ? OpType : $"{Domain}::{OpType}";
}
