using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Verification;

/// <summary>Runs models for verification: ONNX Runtime, the reference evaluator, or one falling back to the other.</summary>
public interface IVerificationBackend
{
    /// <summary>A short name for reports.</summary>
    string Name { get; }

    /// <summary>
    /// Runs <paramref name="model"/> (which is not modified) once per input set and returns every graph
    /// output by name. Throws an <see cref="OnnxKitException"/> saying why when the model cannot be run.
    /// </summary>
    IReadOnlyList<IReadOnlyDictionary<string, ITensor>> Run(Model model, IReadOnlyList<IReadOnlyDictionary<string, ITensor>> inputSets);
}
