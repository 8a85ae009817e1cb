namespace OnnxKit.Reference;

/// <summary>
/// A value flowing through the reference evaluator: a <see cref="TensorValue"/>, a
/// <see cref="SequenceValue"/> or an <see cref="OptionalValue"/>. Values are immutable once
/// made; kernels never change their inputs, so a value may be shared between steps.
/// </summary>
public abstract class RuntimeValue
{
    private protected RuntimeValue()
    {
    }

    /// <summary>Describes the value's type the way ONNX writes it, e.g. <c>tensor(float)[2,3]</c>.</summary>
    public abstract string Describe();

    /// <inheritdoc/>
    public override string ToString() => Describe();
}
