using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Runtime;

/// <summary>
/// Repeated runs of one session with fixed input shapes and no managed allocation: every
/// input and output lives in a pinned buffer allocated once, wrapped once in an
/// <see cref="OrtValue"/> and bound once through ONNX Runtime's IOBinding; <see cref="Run"/>
/// is a single native call. Write inputs through <see cref="Input{T}(int)"/>, call
/// <see cref="Run"/>, read <see cref="Output{T}(int)"/>.
/// </summary>
/// <remarks>
/// Output shapes are learnt on the first run (ONNX Runtime allocates those outputs), after
/// which outputs are bound to buffers of those shapes; a model whose output shapes depend
/// on the input values therefore fails on a later run whose shapes differ. Not thread-safe:
/// use one binding per thread. Numeric tensors only. The binding owns its buffers and
/// native values; dispose it before its session.
/// </remarks>
public sealed class SessionBinding : IDisposable
{
    private readonly OnnxSession owner;
    private readonly OrtIoBinding binding;
    private readonly NativeTensor[] inputTensors;
    private readonly string[] outputNames;
    private NativeTensor[]? outputTensors;

    internal SessionBinding(OnnxSession owner, IReadOnlyDictionary<string, long[]> inputShapes)
    {
        this.owner = owner;
        Inputs = owner.Inputs;
        outputNames = owner.Outputs.Select(o => o.Name).ToArray();
        inputTensors = new NativeTensor[Inputs.Count];
        binding = owner.Native.CreateIoBinding();
        try
        {
            for (int i = 0; i < Inputs.Count; i++)
            {
                var spec = Inputs[i];
                if (!inputShapes.TryGetValue(spec.Name, out var dims))
                    throw new OnnxKitException($"Model '{owner.ModelName}': no shape was given for input {spec}.");
                if (spec.ElementType is DataType.String or DataType.Undefined)
                    throw new OnnxKitException($"Model '{owner.ModelName}': input {spec} is not a numeric tensor; bindings hold numeric tensors only.");
                InputValidation.CheckTensor(owner.ModelName, spec, spec.ElementType, dims);
                inputTensors[i] = NativeTensor.Zeros(spec.ElementType, dims, spec.Name);
                binding.BindInput(spec.Name, inputTensors[i].Value);
            }
            InputDims = inputShapes.Count == Inputs.Count ? Inputs.Select(s => inputShapes[s.Name]).ToArray()
                : throw new OnnxKitException($"Model '{owner.ModelName}': shapes were given for inputs it does not have: {string.Join(", ", inputShapes.Keys.Except(Inputs.Select(s => s.Name)))}.");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The inputs, in the order <see cref="Input{T}(int)"/> indexes them.</summary>
    public IReadOnlyList<TensorSpec> Inputs { get; }

    /// <summary>The bound shape of each input.</summary>
    public IReadOnlyList<long[]> InputDims { get; }

    /// <summary>The output names, in the order <see cref="Output{T}(int)"/> indexes them.</summary>
    public IReadOnlyList<string> OutputNames => outputNames;

    /// <summary>True once the first run has fixed the output buffers.</summary>
    public bool OutputsBound => outputTensors is not null;

    /// <summary>The writable elements of input <paramref name="index"/> (T must match its element size).</summary>
    public Span<T> Input<T>(int index) where T : unmanaged => MemoryMarshal.Cast<byte, T>(InputBytes(index));

    /// <summary>The writable raw bytes of input <paramref name="index"/>.</summary>
    public Span<byte> InputBytes(int index) => inputTensors[index].Bytes;

    /// <summary>Copies a tensor into input <paramref name="name"/>; its type and shape must be the bound ones.</summary>
    public void SetInput(string name, ITensor tensor)
    {
        int index = Inputs.Select(s => s.Name).ToList().IndexOf(name);
        if (index < 0) throw new OnnxKitException($"Model '{owner.ModelName}' has no input named '{name}'.");
        if (tensor.DataType != Inputs[index].ElementType || !tensor.Dims.SequenceEqual(InputDims[index]))
            throw new OnnxKitException($"Input '{name}' is bound as {Inputs[index].ElementType.OnnxName()}{TensorDims.Format(InputDims[index])}; got {tensor.DataType.OnnxName()}{TensorDims.Format(tensor.Dims)}.");
        tensor.GetRawData().Span.CopyTo(InputBytes(index));
    }

    /// <summary>Runs the model on the current input buffers. After the first run, allocates no managed memory.</summary>
    public void Run()
    {
        if (outputTensors is null)
        {
            FirstRun();
            return;
        }
        try
        {
            owner.Native.RunWithBinding(owner.SharedRunOptions, binding);
        }
        catch (OnnxRuntimeException e)
        {
            throw owner.RunFailed(e);
        }
    }

    /// <summary>The elements of output <paramref name="index"/> from the last run.</summary>
    public ReadOnlySpan<T> Output<T>(int index) where T : unmanaged => MemoryMarshal.Cast<byte, T>(OutputBytes(index));

    /// <summary>The raw bytes of output <paramref name="index"/> from the last run.</summary>
    public ReadOnlySpan<byte> OutputBytes(int index)
    {
        RequireRun();
        return outputTensors![index].Bytes;
    }

    /// <summary>The shape of output <paramref name="index"/>.</summary>
    public IReadOnlyList<long> OutputDims(int index)
    {
        RequireRun();
        return outputTensors![index].Dims;
    }

    /// <summary>A copy of output <paramref name="index"/> as a tensor (allocates).</summary>
    public ITensor OutputTensor(int index)
    {
        RequireRun();
        return outputTensors![index].ToTensor(outputNames[index]);
    }

    /// <summary>Releases the binding, its native values and its buffers.</summary>
    public void Dispose()
    {
        binding.Dispose();
        foreach (var tensor in inputTensors) tensor?.Dispose();
        foreach (var tensor in outputTensors ?? []) tensor.Dispose();
    }

    private void FirstRun()
    {
        foreach (var name in outputNames) binding.BindOutputToDevice(name, OrtMemoryInfo.DefaultInstance);
        try
        {
            owner.Native.RunWithBinding(owner.SharedRunOptions, binding);
        }
        catch (OnnxRuntimeException e)
        {
            throw owner.RunFailed(e);
        }
        using var produced = binding.GetOutputValues();
        var tensors = new NativeTensor[outputNames.Length];
        int i = 0;
        try
        {
            foreach (var value in produced)
            {
                if (!value.IsTensor) throw new OnnxKitException($"Output '{outputNames[i]}' is a {value.OnnxType}; bindings hold tensors only.");
                var info = value.GetTensorTypeAndShape();
                var type = (DataType)(int)info.ElementDataType;
                if (type == DataType.String) throw new OnnxKitException($"Output '{outputNames[i]}' holds strings; bindings hold numeric tensors only.");
                tensors[i] = NativeTensor.Zeros(type, info.Shape, outputNames[i]);
                value.GetTensorDataAsSpan<byte>().CopyTo(tensors[i].Bytes);
                i++;
            }
        }
        catch
        {
            foreach (var tensor in tensors) tensor?.Dispose();
            throw;
        }
        binding.ClearBoundOutputs();
        for (int k = 0; k < outputNames.Length; k++) binding.BindOutput(outputNames[k], tensors[k].Value);
        outputTensors = tensors;
    }

    private void RequireRun()
    {
        if (outputTensors is null) throw new InvalidOperationException("Outputs exist only after the first Run().");
    }
}
