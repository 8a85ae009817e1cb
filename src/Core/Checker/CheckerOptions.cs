using OnnxKit.Schemas;
using OnnxKit.Security;

namespace OnnxKit.Checker;

/// <summary>Settings for <see cref="ModelChecker.Check"/>.</summary>
public sealed record CheckerOptions
{
    /// <summary>The operator schemas nodes are checked against; ONNX's own domains by default.</summary>
    public OpSchemaRegistry Registry { get; init; } = OpSchemaRegistry.Default;

    /// <summary>
    /// When true, a node whose domain has no schemas in <see cref="Registry"/> and that calls no
    /// model-local function is an error (<see cref="ProblemCodes.UnverifiedOp"/>) instead of a warning.
    /// ONNX's checker offers the same switch (<c>check_custom_domain</c>), off by default.
    /// </summary>
    public bool UnknownDomainsAreErrors { get; init; }

    /// <summary>The resource limits the loop and function-expansion rules apply (<see cref="ResourceLimits.Default"/> unless raised).</summary>
    public ResourceLimits Limits { get; init; } = ResourceLimits.Default;
}
