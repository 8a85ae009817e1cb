using OnnxKit.Ir;

namespace OnnxKit.Execution;

/// <summary>
/// Something that runs one loaded model: ONNX Runtime (OnnxKit.Runtime's <c>OnnxSession</c>)
/// or the pure-C# reference evaluator. Commands such as <c>onnxkit run</c> work against this
/// interface so the backend can be chosen on the command line.
/// </summary>
public interface IModelBackend : IDisposable
{
    /// <summary>A short name for reports, e.g. <c>onnxruntime (CPUExecutionProvider)</c> or <c>reference</c>.</summary>
    string Name { get; }

    /// <summary>The graph inputs a caller must (or may) feed, in graph order, without initializers.</summary>
    IReadOnlyList<TensorSpec> Inputs { get; }

    /// <summary>The graph outputs, in graph order.</summary>
    IReadOnlyList<TensorSpec> Outputs { get; }

    /// <summary>
    /// Runs the model once. <paramref name="inputs"/> are keyed by input name; the result holds
    /// every graph output, keyed by name, each tensor named after its output.
    /// </summary>
    /// <exception cref="OnnxKitException">An input is missing or mistyped, or the model fails to run; the message names the model and value.</exception>
    IReadOnlyDictionary<string, ITensor> Run(IReadOnlyDictionary<string, ITensor> inputs, CancellationToken cancellationToken = default);
}
