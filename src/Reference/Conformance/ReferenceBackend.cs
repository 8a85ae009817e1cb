using OnnxKit.Ir;

namespace OnnxKit.Reference.Conformance;

/// <summary>The reference evaluator as a conformance backend.</summary>
public sealed class ReferenceBackend : IConformanceBackend
{
    /// <inheritdoc/>
    public string Name => "reference";

    /// <inheritdoc/>
    public IPreparedModel Load(Model model, string modelPath) => new Runner(new ReferenceSession(model));

    private sealed class Runner(ReferenceSession session) : IPreparedModel
    {
        public IReadOnlyList<RuntimeValue> Run(IReadOnlyList<RuntimeValue> inputs) => session.Run(inputs);

        public void Dispose()
        {
        }
    }
}
