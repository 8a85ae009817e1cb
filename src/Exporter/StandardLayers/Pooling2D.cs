using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>The shared shape logic of 2-D max and average pooling; strides default to the pool size.</summary>
public abstract class Pooling2D : Layer
{
    private protected Pooling2D(Size2 poolSize, Size2? strides, Padding padding, string? name) : base(name)
    {
        if (poolSize.Height <= 0 || poolSize.Width <= 0) throw new ArgumentOutOfRangeException(nameof(poolSize));
        Window = new SpatialWindow(poolSize, strides ?? poolSize, 1, padding);
    }

    private protected SpatialWindow Window { get; }

    /// <summary>The pooling window.</summary>
    public Size2 PoolSize => Window.Kernel;

    /// <summary>The strides.</summary>
    public Size2 Strides => Window.Strides;

    /// <summary>Valid or same padding.</summary>
    public Padding Padding => Window.Padding;

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes)
    {
        var shape = inputShapes[0];
        return [Window.OutputShape(shape, shape.Length > 0 ? shape[0] : 0, ShapeError)];
    }
}
