using OnnxKit.Ir;
using OnnxKit.Optimizer.Verification;

namespace OnnxKit.Optimizer.Tests.TestSupport;

/// <summary>A verification backend over ONNX Runtime, for tests (its optimizations off).</summary>
public sealed class OrtVerificationBackend : IVerificationBackend
{
    /// <inheritdoc/>
    public string Name => "onnxruntime (tests)";

    /// <inheritdoc/>
    public IReadOnlyList<IReadOnlyDictionary<string, ITensor>> Run(Model model, IReadOnlyList<IReadOnlyDictionary<string, ITensor>> inputSets)
    {
        try
        {
            return inputSets.Select(set =>
            {
                var outputs = Ort.Run(model, set.Select(p => (p.Key, p.Value)).ToList());
                return (IReadOnlyDictionary<string, ITensor>)model.Graph.Outputs.Select((o, i) => (o.Name, outputs[i])).ToDictionary(p => p.Name, p => p.Item2);
            }).ToList();
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
        {
            throw new OnnxKitException(e.Message);
        }
    }
}
