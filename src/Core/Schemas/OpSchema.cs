using OnnxKit.Ir;

namespace OnnxKit.Schemas;

/// <summary>
/// The signature of one version of an operator: what a node of that operator may carry from
/// <see cref="SinceVersion"/> until the operator's next version.
/// </summary>
/// <remarks>
/// A <see cref="Deprecated"/> version marks the opset from which the operator may no longer be used;
/// it has no inputs, outputs, attributes or type constraints.
/// </remarks>
public sealed class OpSchema
{
    /// <summary>The value of <see cref="MaxInputs"/> or <see cref="MaxOutputs"/> when the count has no upper bound.</summary>
    public const int Unbounded = int.MaxValue;

    /// <summary>
    /// The operator set domain; the empty string for the default domain (<c>"ai.onnx"</c> given at
    /// initialization is stored as <c>""</c>).
    /// </summary>
    public required string Domain
    {
        get;
        init => field = DomainNames.Canonical(value);
    }

    /// <summary>The operator name (a node's <c>op_type</c>), e.g. <c>Conv</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The opset version of <see cref="Domain"/> that introduced this version of the operator.</summary>
    public required int SinceVersion { get; init; }

    /// <summary>Whether this version removes the operator from its domain.</summary>
    public bool Deprecated { get; init; }

    /// <summary>The formal inputs, in positional order.</summary>
    public IReadOnlyList<FormalParameter> Inputs { get; init; } = [];

    /// <summary>The formal outputs, in positional order.</summary>
    public IReadOnlyList<FormalParameter> Outputs { get; init; } = [];

    /// <summary>The fewest inputs a node may have.</summary>
    public int MinInputs { get; init; }

    /// <summary>The most inputs a node may have, or <see cref="Unbounded"/>.</summary>
    public int MaxInputs { get; init; }

    /// <summary>The fewest outputs a node may have.</summary>
    public int MinOutputs { get; init; }

    /// <summary>The most outputs a node may have, or <see cref="Unbounded"/>.</summary>
    public int MaxOutputs { get; init; }

    /// <summary>The attributes the operator declares, ordered by name.</summary>
    public IReadOnlyList<AttributeSchema> Attributes { get; init; } = [];

    /// <summary>The type parameters used by <see cref="Inputs"/> and <see cref="Outputs"/>.</summary>
    public IReadOnlyList<TypeConstraint> TypeConstraints { get; init; } = [];

    /// <summary>The declared attribute called <paramref name="name"/>, or <see langword="null"/>.</summary>
    /// <param name="name">The attribute name, compared ordinally.</param>
    public AttributeSchema? FindAttribute(string name) =>
        Attributes.FirstOrDefault(attribute => attribute.Name == name);

    /// <summary>The type constraint for the type parameter <paramref name="typeParameter"/>, or <see langword="null"/>.</summary>
    /// <param name="typeParameter">The type parameter's name, e.g. <c>T</c>.</param>
    public TypeConstraint? FindTypeConstraint(string typeParameter) =>
        TypeConstraints.FirstOrDefault(constraint => constraint.TypeParameter == typeParameter);

    /// <summary>The schema as <c>[domain.]Name-SinceVersion</c>, e.g. <c>Conv-11</c> or <c>ai.onnx.ml.Scaler-1</c>.</summary>
    public override string ToString() =>
        Domain.Length == 0 ? $"{Name}-{SinceVersion}" : $"{Domain}.{Name}-{SinceVersion}";
}
