using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Float16;

/// <summary>
/// Converts a model's float32 weights and computation to float16, in place.
/// </summary>
/// <remarks>
/// <para>Each node of the main graph and its subgraphs either computes in float16 or is kept in
/// float32: kept are blocked operators (<see cref="Float16Options.OpBlockList"/>), blocked node names,
/// operators of other domains and calls of model-local functions (whose bodies stay float32), and
/// nodes whose value types are unknown after shape inference. In a float16 node, every float32 input
/// and output whose operator signature admits float16 becomes float16; signature slots fixed to
/// float32 (Resize's scales, LayerNormalization's statistics) stay. Cast(to=float), EyeLike's dtype
/// and the float tensors of Constant and ConstantOfShape are retargeted, so a float16 region holds
/// no round trips through float32.</para>
/// <para>Float32 constants read by a float16 node are stored in float16; values beyond ±65504 are
/// clamped to it and non-zero values below 2⁻²⁴ raised to it (so an epsilon never becomes 0), and
/// the report names each clamped tensor. A Cast is inserted wherever a value meets a node expecting
/// the other type, once per value and type. Graph inputs and outputs keep float32 by default
/// (<see cref="Float16Options.KeepIoTypes"/>). If branches follow their node; Loop and Scan bodies
/// keep their declared boundary types and are converted inside.</para>
/// <para>A model already in float16 (marked by a previous conversion, or holding float16 data and no
/// float32 at all) is refused.</para>
/// </remarks>
public static class Float16Converter
{
    /// <summary>The metadata entry a conversion adds to the model.</summary>
    public const string MetadataKey = "onnxkit.float16";

    /// <summary>Converts <paramref name="model"/> in place.</summary>
    /// <exception cref="OnnxKitException">The model is already in float16.</exception>
    public static Float16Report Convert(Model model, Float16Options? options = null)
    {
        if (AlreadyConverted(model) is { } reason) throw new OnnxKitException($"The model is already converted to float16 ({reason}); converting it again would only add casts.");
        var report = new Float16Conversion(model, options ?? new Float16Options()).Run();
        model.Metadata.Add(new(MetadataKey, options?.KeepIoTypes == false ? "io=float16" : "io=float32"));
        return report;
    }

    /// <summary>How block lists and reports name a node: its name, or its first output's name when it has none.</summary>
    public static string NodeKey(Node node) => node.Name is { Length: > 0 } name ? name : node.Outputs.FirstOrDefault()?.Name ?? "";

    private static string? AlreadyConverted(Model model)
    {
        if (model.Metadata.Any(m => m.Key == MetadataKey)) return $"its metadata has '{MetadataKey}'";
        var types = model.AllGraphs().SelectMany(g => g.Initializers.Concat(g.Inputs).Concat(g.Outputs).Concat(g.ValueInfo))
            .Select(v => v.ConstValue?.DataType ?? v.TensorType?.ElementType ?? DataType.Undefined).ToHashSet();
        return types.Contains(DataType.Float16) && !types.Contains(DataType.Float) ? "it holds float16 tensors and no float32 ones" : null;
    }
}
