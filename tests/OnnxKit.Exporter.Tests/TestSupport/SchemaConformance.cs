using OnnxKit.Ir;
using OnnxKit.Schemas;

namespace OnnxKit.Exporter.Tests.TestSupport;

/// <summary>
/// Checks an exported model against ONNX's operator schemas, independently of the
/// exporter's own checks: every node's operator exists (not deprecated) at the model's
/// opset, its input count is within the schema's bounds, every required attribute is set,
/// every attribute it carries is declared by that version of the operator, and a Constant's
/// tensor has a type that version allows.
/// </summary>
internal static class SchemaConformance
{
    public static IReadOnlyList<string> Problems(Model model)
    {
        int opset = (int)model.OpsetVersion("")!.Value;
        var problems = new List<string>();
        foreach (var node in model.Graph.Nodes)
        {
            var schema = OpSchemaRegistry.Default.Find(node.Domain, node.OpType, opset);
            if (schema is null || schema.Deprecated)
            {
                problems.Add($"{node.Name}: {node.OpType} does not exist at opset {opset}");
                continue;
            }
            if (node.Inputs.Count < schema.MinInputs || node.Inputs.Count > schema.MaxInputs)
                problems.Add($"{node.Name}: {node.OpType}-{schema.SinceVersion} takes {schema.MinInputs}..{schema.MaxInputs} inputs, got {node.Inputs.Count}");
            foreach (var attribute in node.Attributes)
            {
                if (schema.FindAttribute(attribute.Name) is null)
                    problems.Add($"{node.Name}: {node.OpType}-{schema.SinceVersion} has no attribute '{attribute.Name}'");
            }
            if (node.OpType == "Constant" && node.Attributes["value"]?.AsTensor() is { } value
                && schema.FindTypeConstraint("T") is { } allowed && !allowed.AllowedTypes.Contains($"tensor({value.DataType.OnnxName()})"))
                problems.Add($"{node.Name}: Constant-{schema.SinceVersion} cannot hold {value.DataType.OnnxName()}");
            foreach (var required in schema.Attributes.Where(a => a.Required))
            {
                if (!node.Attributes.Any(a => a.Name == required.Name))
                    problems.Add($"{node.Name}: {node.OpType}-{schema.SinceVersion} requires attribute '{required.Name}'");
            }
        }
        return problems;
    }

    public static void AssertConforms(Model model) => Assert.Empty(Problems(model));
}
