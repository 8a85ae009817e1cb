using OnnxKit.Ir;

namespace OnnxKit.Viewer.Graphs;

/// <summary>
/// The arithmetic precision a node computes in, read from the element types of its inputs and
/// outputs: quantization ops and integer kernels by their narrow integer type, everything else by
/// its first floating-point value. Ops that touch only integers (shape arithmetic) have none.
/// </summary>
public static class NodePrecision
{
    /// <summary>fp32, fp16, bf16, fp64, fp8, fp4, int8, int4, int2, int16; or null when the node has no such type.</summary>
    public static string? Of(Node node)
    {
        var types = node.Inputs.Concat(node.Outputs).Select(v => v?.TensorType?.ElementType).OfType<DataType>().ToList();
        if (OpCategories.Of(node) == OpCategory.Quantization)
        {
            var narrow = types.Where(t => t.IsInteger() && t.BitWidth() <= 16).OrderBy(t => t.BitWidth()).ToList();
            if (narrow.Count > 0) return "int" + narrow[0].BitWidth();
        }

        foreach (var type in types)
        {
            if (Label(type) is { } label) return label;
        }

        return null;
    }

    private static string? Label(DataType type) => type switch
    {
        DataType.Float => "fp32",
        DataType.Float16 => "fp16",
        DataType.BFloat16 => "bf16",
        DataType.Double => "fp64",
        DataType.Float4E2M1 => "fp4",
        _ when type.IsFloatingPoint() => "fp8",
        _ => null,
    };
}
