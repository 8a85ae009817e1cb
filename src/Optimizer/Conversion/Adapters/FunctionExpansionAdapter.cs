using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// An operator ONNX defines as a function of older operators, expanded into them when a model goes below the
/// opset that introduced it (the expansion's own nodes are then carried down like any other, so an expansion
/// that needs Erf still stops at opset 9). Going up there is nothing to do: the operator did not exist before.
/// </summary>
public abstract class FunctionExpansionAdapter : VersionAdapter
{
    /// <summary>The operator expanded.</summary>
    protected abstract string OpType { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes => [OpType];

    /// <inheritdoc/>
    public override string Description => $"{OpType} expanded into its function body";

    /// <inheritdoc/>
    public override void Up(AdapterContext context) => throw new InvalidOperationException($"{OpType} has no form before opset {Version} to convert up from");

    /// <inheritdoc/>
    public override void Down(AdapterContext context)
    {
        var builder = context.Builder();
        var outputs = Expand(context, builder, context.Node.Inputs[0]!);
        context.ReplaceWith(outputs);
    }

    /// <summary>Builds the function body for the node of <paramref name="context"/>; returns its outputs in order.</summary>
    protected abstract Value?[] Expand(AdapterContext context, ConversionBuilder b, Value x);
}
