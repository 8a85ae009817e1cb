namespace OnnxKit.Exporter;

/// <summary>A (height, width) pair for kernel sizes, strides and dilations; an int converts to a square.</summary>
public readonly record struct Size2(int Height, int Width)
{
    /// <summary>A square size.</summary>
    public static implicit operator Size2(int size) => new(size, size);

    /// <summary>A (height, width) tuple.</summary>
    public static implicit operator Size2((int Height, int Width) size) => new(size.Height, size.Width);

    internal long[] ToArray() => [Height, Width];

    /// <inheritdoc/>
    public override string ToString() => $"({Height}, {Width})";
}
