namespace OnnxKit.Exporter;

/// <summary>
/// A layer was called on tensors whose shapes it cannot accept. Thrown at call time,
/// before any export; the message names the layer and the shapes involved.
/// </summary>
public sealed class LayerShapeException : OnnxKitException
{
    internal LayerShapeException(Layer layer, string message)
        : base($"Layer '{layer.Name}' ({layer.TypeName}): {message}")
    {
        LayerName = layer.Name;
    }

    /// <summary>The name of the layer that refused its inputs.</summary>
    public string LayerName { get; }
}
