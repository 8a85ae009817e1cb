using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter;

/// <summary>
/// An elementwise (or, for softmax, per-axis) activation, usable as a layer's
/// <c>activation</c> argument or in an Activation layer. Strings
/// convert implicitly by Keras name (<c>"relu"</c>); see <see cref="Activations"/>.
/// </summary>
public abstract class ActivationFunction
{
    /// <summary>The Keras name (<c>relu</c>, <c>softmax</c>).</summary>
    public abstract string Name { get; }

    /// <summary>True for the identity (<c>linear</c>), which emits no node.</summary>
    public virtual bool IsLinear => false;

    /// <summary>Emits the activation applied to <paramref name="x"/>, a tensor of rank <paramref name="rank"/> (batch included).</summary>
    public abstract Value Apply(OnnxGraphBuilder builder, Value x, int rank);

    /// <summary>Looks up an activation by its Keras name.</summary>
    public static implicit operator ActivationFunction(string name) => Activations.Get(name);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
