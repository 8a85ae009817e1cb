using OnnxKit.Ir;

namespace OnnxKit.Viewer.Graphs;

/// <summary>Short type labels for edges and ports: <c>float[1,64,56,56]</c>, <c>int64[]</c> (a scalar), <c>seq(float[N])</c>.</summary>
public static class TypeLabels
{
    /// <summary>The label of <paramref name="type"/>; empty when the type is unknown (absent, or a type record with no kind set).</summary>
    public static string Format(OnnxType? type) => type switch
    {
        null or UndefinedType => "",
        TensorType t => t.ElementType.OnnxName() + (t.Shape?.ToString() ?? ""),
        SequenceType s => $"seq({Format(s.ElementType)})",
        OptionalType o => $"optional({Format(o.ElementType)})",
        _ => type.ToString(),
    };
}
