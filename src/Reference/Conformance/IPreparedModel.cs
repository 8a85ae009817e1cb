namespace OnnxKit.Reference.Conformance;

/// <summary>A model prepared by an <see cref="IConformanceBackend"/>; the runner disposes it after the case.</summary>
public interface IPreparedModel : IDisposable
{
    /// <summary>Runs the model: <paramref name="inputs"/> are in the order of the graph inputs that are not initializers; returns the graph outputs in order.</summary>
    IReadOnlyList<RuntimeValue> Run(IReadOnlyList<RuntimeValue> inputs);
}
