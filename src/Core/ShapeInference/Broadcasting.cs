using OnnxKit.Ir;

namespace OnnxKit.ShapeInference;

/// <summary>Numpy-style (multidirectional) broadcasting of shapes, as ONNX's elementwise operators use it.</summary>
internal static class Broadcasting
{
    /// <summary>
    /// The broadcast shape of <paramref name="shapes"/>, or null when any is unknown. Throws the
    /// context's failure when two known sizes cannot broadcast.
    /// </summary>
    public static Shape? Shapes(NodeContext context, IReadOnlyList<Shape?> shapes)
    {
        if (shapes.Count == 0 || shapes.Any(s => s is null)) return null;
        int rank = shapes.Max(s => s!.Rank);
        var dims = new Dim[rank];
        for (int k = 0; k < rank; k++) dims[k] = Dim.Of(1);
        foreach (var shape in shapes)
        {
            int offset = rank - shape!.Rank;
            for (int k = 0; k < shape.Rank; k++)
            {
                dims[offset + k] = DimMath.Broadcast(dims[offset + k], shape[k])
                    ?? throw context.Fail($"shapes {string.Join(", ", shapes)} do not broadcast (dim {offset + k})");
            }
        }
        return new Shape(dims);
    }
}
