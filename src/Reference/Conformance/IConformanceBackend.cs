using OnnxKit.Ir;

namespace OnnxKit.Reference.Conformance;

/// <summary>
/// Something that can run ONNX models for the conformance runner: the reference evaluator, or
/// ONNX Runtime through an adapter. A backend reports a model it cannot run (an operator or an
/// element type it lacks) by throwing <see cref="UnsupportedFeatureException"/>, from
/// <see cref="Load"/> or from a run; the case is then skipped with that message as the reason.
/// </summary>
public interface IConformanceBackend
{
    /// <summary>The backend's name as reports show it (e.g. <c>reference</c>, <c>ort</c>).</summary>
    string Name { get; }

    /// <summary>Prepares a model. <paramref name="modelPath"/> is the file it was loaded from, for backends that read the file themselves.</summary>
    IPreparedModel Load(Model model, string modelPath);
}
