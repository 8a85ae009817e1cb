using Microsoft.ML.OnnxRuntime;

namespace OnnxKit.Runtime;

/// <summary>
/// An ONNX Runtime IOBinding whose inputs and outputs are <see cref="NativeTensor"/>s the
/// caller owns and chooses: bind each once, then <see cref="Run"/> is a single native call that
/// reads and writes those buffers in place, with no managed allocation or copy. Several
/// bindings of one session may share tensors, e.g. two bindings that swap which buffer holds
/// the current and which the next value of some state (weights updated by each run).
/// </summary>
/// <remarks>
/// Every input of the model must be bound before the first run, and every output must be
/// bound to a tensor of exactly the shape the run produces. Not thread-safe. The binding owns
/// only its native IOBinding, never the tensors; dispose it before its session.
/// </remarks>
public sealed class ExplicitBinding : IDisposable
{
    private readonly OnnxSession owner;
    private readonly OrtIoBinding binding;
    private readonly HashSet<string> inputNames;
    private readonly HashSet<string> outputNames;

    internal ExplicitBinding(OnnxSession owner)
    {
        this.owner = owner;
        binding = owner.Native.CreateIoBinding();
        inputNames = owner.Inputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        outputNames = owner.Outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Binds input <paramref name="name"/> to <paramref name="tensor"/> (replacing an earlier binding).</summary>
    public void BindInput(string name, NativeTensor tensor)
    {
        if (!inputNames.Contains(name)) throw new OnnxKitException($"Model '{owner.ModelName}' has no input named '{name}'.");
        binding.BindInput(name, tensor.Value);
    }

    /// <summary>Binds output <paramref name="name"/> to <paramref name="tensor"/>, which the run overwrites.</summary>
    public void BindOutput(string name, NativeTensor tensor)
    {
        if (!outputNames.Contains(name)) throw new OnnxKitException($"Model '{owner.ModelName}' has no output named '{name}'.");
        binding.BindOutput(name, tensor.Value);
    }

    /// <summary>Runs the session on the bound tensors.</summary>
    public void Run()
    {
        try
        {
            owner.Native.RunWithBinding(owner.SharedRunOptions, binding);
        }
        catch (OnnxRuntimeException e)
        {
            throw owner.RunFailed(e);
        }
    }

    /// <summary>Releases the native binding (not the bound tensors).</summary>
    public void Dispose() => binding.Dispose();
}
