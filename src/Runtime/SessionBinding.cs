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
    private readonly byte[][] inputBuffers;
    private readonly int[] inputLengths;
    private readonly OrtValue[] inputValues;
    private readonly string[] outputNames;
    private byte[][]? outputBuffers;
    private OrtValue[]? outputValues;
    private long[][]? outputDims;
    private int[]? outputLengths;
    private DataType[]? outputTypes;

    internal SessionBinding(OnnxSession owner, IReadOnlyDictionary<string, long[]> inputShapes)
    {
        this.owner = owner;
        Inputs = owner.Inputs;
        outputNames = owner.Outputs.Select(o => o.Name).ToArray();
        inputBuffers = new byte[Inputs.Count][];
        inputValues = new OrtValue[Inputs.Count];
        inputLengths = new int[Inputs.Count];
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
                (inputBuffers[i], inputValues[i], inputLengths[i]) = Allocate(spec.ElementType, dims, spec.Name);
                binding.BindInput(spec.Name, inputValues[i]);
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
    public bool OutputsBound => outputValues is not null;

    /// <summary>The writable elements of input <paramref name="index"/> (T must match its element size).</summary>
    public Span<T> Input<T>(int index) where T : unmanaged => MemoryMarshal.Cast<byte, T>(InputBytes(index));

    /// <summary>The writable raw bytes of input <paramref name="index"/>.</summary>
    public Span<byte> InputBytes(int index) => inputBuffers[index].AsSpan(0, inputLengths[index]);

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
        if (outputValues is null)
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
        return outputBuffers![index].AsSpan(0, outputLengths![index]);
    }

    /// <summary>The shape of output <paramref name="index"/>.</summary>
    public IReadOnlyList<long> OutputDims(int index)
    {
        RequireRun();
        return outputDims![index];
    }

    /// <summary>A copy of output <paramref name="index"/> as a tensor (allocates).</summary>
    public ITensor OutputTensor(int index) =>
        new DenseTensor(outputTypes![index], OutputDims(index), OutputBytes(index).ToArray(), outputNames[index]);

    /// <summary>Releases the binding, its native values and its buffers.</summary>
    public void Dispose()
    {
        binding.Dispose();
        foreach (var value in inputValues) value?.Dispose();
        foreach (var value in outputValues ?? []) value.Dispose();
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
        var buffers = new byte[outputNames.Length][];
        var values = new OrtValue[outputNames.Length];
        var dims = new long[outputNames.Length][];
        var types = new DataType[outputNames.Length];
        var lengths = new int[outputNames.Length];
        int i = 0;
        foreach (var value in produced)
        {
            if (!value.IsTensor) throw new OnnxKitException($"Output '{outputNames[i]}' is a {value.OnnxType}; bindings hold tensors only.");
            var info = value.GetTensorTypeAndShape();
            types[i] = (DataType)(int)info.ElementDataType;
            if (types[i] == DataType.String) throw new OnnxKitException($"Output '{outputNames[i]}' holds strings; bindings hold numeric tensors only.");
            dims[i] = info.Shape;
            (buffers[i], values[i], lengths[i]) = Allocate(types[i], dims[i], outputNames[i]);
            value.GetTensorDataAsSpan<byte>().CopyTo(buffers[i]);
            i++;
        }
        binding.ClearBoundOutputs();
        for (int k = 0; k < outputNames.Length; k++) binding.BindOutput(outputNames[k], values[k]);
        (outputBuffers, outputValues, outputDims, outputTypes, outputLengths) = (buffers, values, dims, types, lengths);
    }

    private void RequireRun()
    {
        if (outputValues is null) throw new InvalidOperationException("Outputs exist only after the first Run().");
    }

    private static unsafe (byte[] Buffer, OrtValue Value, int Length) Allocate(DataType type, long[] dims, string name)
    {
        long bytes = type.ByteCount(TensorDims.ElementCount(dims, name));
        if (bytes > Array.MaxLength) throw new OnnxKitException($"Tensor '{name}' of {TensorDims.Format(dims)} is too large for one buffer.");
        var buffer = GC.AllocateArray<byte>((int)Math.Max(1, bytes), pinned: true);
        fixed (byte* pointer = buffer)
        {
            var value = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, (TensorElementType)type, dims, (IntPtr)pointer, bytes);
            return (buffer, value, (int)bytes);
        }
    }
}
