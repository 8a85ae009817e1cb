using System.Globalization;
using OnnxKit.Ir;
using OnnxKit.Schemas;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Conversion;

/// <summary>
/// Carries a node across an operator change that has no <see cref="VersionAdapter"/>, using only what the
/// two schemas say. Going up: the legacy <c>consumed_inputs</c> hint is dropped and new attributes, inputs
/// and outputs are left at their defaults (ONNX adds them with defaults that keep the old meaning; the
/// changes where that is not so have adapters). Going down: an attribute the older schema lacks is dropped
/// when it holds its default, an input or output it lacks must be absent or unread; anything else (a
/// changed attribute type, a removed attribute in use) is refused. Both ways, the element types the node
/// is known to see must be allowed by the destination schema (<see cref="CheckTypes"/>).
/// </summary>
internal static class SchemaDiffAdapter
{
    /// <summary>Applies the schema difference to <paramref name="context"/>'s node.</summary>
    public static void Apply(AdapterContext context)
    {
        var older = context.Older;
        var newer = context.Newer ?? throw new InvalidOperationException("a boundary always has a newer schema");
        var node = context.Node;
        if (older is null)
        {
            throw context.Refuse($"{node.OpType} first appears in opset {context.Boundary} and has no expansion into older operators");
        }
        if (context.Direction == ConversionDirection.Up && newer.Deprecated)
        {
            throw context.Refuse($"{node.OpType} was removed from ONNX at opset {context.Boundary} and has no replacement adapter");
        }
        var (from, to) = context.Direction == ConversionDirection.Up ? (older, newer) : (newer, older);

        foreach (var attribute in node.Attributes.ToList())
        {
            var declared = to.FindAttribute(attribute.Name);
            if (declared is not null && declared.Type == attribute.Type) continue;
            if (declared is not null) throw context.Refuse($"attribute '{attribute.Name}' changed type at opset {context.Boundary}");
            if (attribute.Name == "consumed_inputs" || HoldsDefault(attribute, from.FindAttribute(attribute.Name)))
            {
                node.Attributes.Remove(attribute.Name);
                continue;
            }
            throw context.Refuse(context.Direction == ConversionDirection.Up
                ? $"attribute '{attribute}' was removed at opset {context.Boundary}"
                : $"attribute '{attribute}' does not exist before opset {context.Boundary}");
        }

        for (int i = to.MaxInputs; i < node.Inputs.Count; i++)
        {
            if (node.Inputs[i] is not null) throw context.Refuse($"input {i} ('{node.Inputs[i]!.Name}') has no counterpart at opset {context.ToOpset}");
        }
        if (node.Inputs.Count > to.MaxInputs) context.TruncateInputs(to.MaxInputs);
        if (node.Inputs.Count(v => v is not null) < to.MinInputs)
            throw context.Refuse($"it has {node.Inputs.Count(v => v is not null)} input(s) and {node.OpType} needs {to.MinInputs} at opset {context.ToOpset}");
        if (node.Outputs.Count > to.MaxOutputs) context.TruncateOutputs(to.MaxOutputs, $"opset {context.ToOpset} has no such output");
        if (node.Graph is not null) CheckTypes(context, node, to);
    }

    /// <summary>Refuses when an input or output of <paramref name="node"/> has a known element type that <paramref name="schema"/> does not allow.</summary>
    public static void CheckTypes(AdapterContext context, Node node, OpSchema schema)
    {
        Check(context, node.Inputs, schema.Inputs, schema, "input");
        Check(context, node.Outputs, schema.Outputs, schema, "output");
    }

    private static void Check(AdapterContext context, IReadOnlyList<Value?> values, IReadOnlyList<FormalParameter> formals, OpSchema schema, string role)
    {
        if (formals.Count == 0) return;
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] is not { Name.Length: > 0 } value || context.ElementTypeOf(value) is not { } type) continue;
            var formal = i < formals.Count ? formals[i] : formals[^1].Option == FormalParameterOption.Variadic ? formals[^1] : null;
            if (formal is null) continue;
            string written = $"tensor({type.OnnxName()})";
            var allowed = schema.FindTypeConstraint(formal.TypeStr)?.AllowedTypes ?? (formal.TypeStr.StartsWith("tensor(", StringComparison.Ordinal) ? [formal.TypeStr] : null);
            if (allowed is null || allowed.Contains(written)) continue;
            throw context.Refuse($"{role} {i} ('{value.Name}') is {written}, which {schema.Name} does not accept at opset {context.ToOpset}");
        }
    }

    /// <summary>True when <paramref name="attribute"/> holds the default <paramref name="schema"/> documents for it.</summary>
    internal static bool HoldsDefault(IrAttribute attribute, AttributeSchema? schema)
    {
        if (schema?.DefaultValue is not { } text || attribute.RefAttributeName is not null) return false;
        return attribute.Type switch
        {
            AttributeType.Int => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var i) && i == attribute.AsInt(),
            AttributeType.Float => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && (float)f == attribute.AsFloat(),
            AttributeType.String => text == attribute.AsString(),
            _ => false,
        };
    }
}
