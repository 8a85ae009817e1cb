using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Numerics;
using System.Runtime.InteropServices;
using OnnxKit.Data.Labels;
using OnnxKit.Data.Preprocessing;
using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Data.Binding;

/// <summary>
/// Fits a data source's arrays to a model's inputs under one <see cref="PreprocessingOptions"/>:
/// picks the array for each input (the array of the same name, or the only array for the only
/// input), plans the per-record work once from the shapes, then turns each
/// <see cref="DataBatch"/> into the named tensors the model runs on.
/// </summary>
/// <remarks>
/// A record reaches an input of record dims <c>T</c> from stored dims <c>D</c> by the first rule that fits:
/// <list type="number">
/// <item><c>D = T</c> (symbolic dims of <c>T</c> take <c>D</c>'s sizes): values only are converted;</item>
/// <item><c>T</c> is an image (rank 3, channels first or last by <see cref="PreprocessingOptions.Layout"/> or the shape) and <c>D</c>
/// an image (<c>[H,W]</c>, <c>[H,W,C]</c> or <c>[C,H,W]</c>): a channel axis is added or moved, grayscale and RGB converted, and the image
/// resized when its size differs and <see cref="PreprocessingOptions.Resize"/> is set;</item>
/// <item><c>D</c> and <c>T</c> hold as many values and one of them is flat (rank 1): the record is reshaped, as a Flatten would;</item>
/// <item>otherwise the binder fails, naming the array, the input and both shapes.</item>
/// </list>
/// </remarks>
public sealed class ModelInputBinder : IDisposable
{
    private readonly RecordPlan[] plans;
    private readonly PreprocessingOptions options;
    private readonly string sourceName;

    private ModelInputBinder(RecordPlan[] plans, PreprocessingOptions options, string sourceName)
    {
        this.plans = plans;
        this.options = options;
        this.sourceName = sourceName;
        Bindings = plans.Select(Describe).ToArray();
        reused = new PooledPinnedBuffer?[2 * plans.Length];
    }

    /// <summary>The buffers <see cref="Bind(DataBatch, bool)"/> reuses, two per input, rented until <see cref="Dispose"/>.</summary>
    private readonly PooledPinnedBuffer?[] reused;

    /// <summary>How each input is fed, in input order.</summary>
    public IReadOnlyList<InputBinding> Bindings { get; }

    /// <summary>Plans how <paramref name="source"/>'s arrays feed <paramref name="inputs"/>.</summary>
    /// <exception cref="DataFormatException">An input has no array, or an array's records cannot be fitted to its input; the message names both.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> are invalid.</exception>
    public static ModelInputBinder Create(IDataSource source, IReadOnlyList<TensorSpec> inputs, PreprocessingOptions? options = null)
    {
        options ??= PreprocessingOptions.None;
        options.Validate();
        var features = source.Features;
        var plans = new List<RecordPlan>();
        foreach (var input in inputs)
        {
            var feature = features.FirstOrDefault(f => f.Name == input.Name)
                ?? (inputs.Count == 1 && features.Count == 1 ? features[0] : null)
                ?? (inputs.Count == 1 ? features.FirstOrDefault(f => f.Name == "x") : null)
                ?? throw new DataFormatException(source.Name, null,
                    $"model input '{input.Name}' matches no data array (the data has {string.Join(", ", features.Select(f => f.Name))}); name the arrays after the model's inputs.");
            plans.Add(Plan(source.Name, input, feature, options));
        }
        return new ModelInputBinder(plans.ToArray(), options, source.Name);
    }

    /// <summary>The model's inputs for <paramref name="batch"/>, keyed by input name, each in memory of its own.</summary>
    /// <exception cref="DataFormatException">The batch lacks an array the plan uses.</exception>
    public IReadOnlyDictionary<string, ITensor> Bind(DataBatch batch) => Bind(batch, reuseBuffers: false);

    /// <summary>
    /// The model's inputs for <paramref name="batch"/>, keyed by input name. With
    /// <paramref name="reuseBuffers"/>, float inputs are written into the memory of this binder's
    /// previous such call (growing it when a batch is larger), so a caller that has finished with
    /// one batch's inputs before binding the next allocates nothing per batch; the earlier inputs
    /// then hold the new values, and such calls must not overlap.
    /// </summary>
    /// <exception cref="DataFormatException">The batch lacks an array the plan uses.</exception>
    public IReadOnlyDictionary<string, ITensor> Bind(DataBatch batch, bool reuseBuffers)
    {
        var inputs = new Dictionary<string, ITensor>(plans.Length, StringComparer.Ordinal);
        for (int index = 0; index < plans.Length; index++)
        {
            var plan = plans[index];
            var feature = batch.Features.GetValueOrDefault(plan.Feature)
                ?? throw new DataFormatException(sourceName, batch.Start, $"the batch has no array '{plan.Feature}'.");
            // Values live in aligned bytes viewed as floats, so a float input takes them as they are: ONNX Runtime
            // reads them in place, without copying them into aligned memory of its own.
            var storage = Buffer(2 * index, checked(batch.Count * plan.SourceSize * sizeof(float)), reuseBuffers);
            ScaleInto(feature, options.Scale, Floats(storage));
            if (plan.Image is { KeepsValues: false } image)
            {
                var shaped = Buffer(2 * index + 1, checked(batch.Count * plan.TargetSize * sizeof(float)), reuseBuffers);
                var scratch = new float[image.SourceHeight * image.SourceWidth * image.TargetChannels];
                for (int r = 0; r < batch.Count; r++)
                {
                    ImageOperations.Transform(image, Floats(storage).Slice(r * plan.SourceSize, plan.SourceSize),
                        Floats(shaped).Slice(r * plan.TargetSize, plan.TargetSize), scratch);
                }
                storage = shaped;
            }
            Normalize(Floats(storage), plan);
            inputs[plan.Input] = Convert(storage, plan.Target, [batch.Count, .. plan.TargetDims], plan.Input);
        }
        return inputs;
    }

    /// <summary>
    /// The batch's labels as training and evaluation take them: as stored, or, with
    /// <see cref="PreprocessingOptions.OneHotClasses"/>, class labels as one-hot float rows.
    /// </summary>
    /// <exception cref="DataFormatException">A class label is outside the one-hot classes.</exception>
    public IReadOnlyDictionary<string, ITensor> BindLabels(DataBatch batch)
    {
        if (options.OneHotClasses is not { } k) return batch.Labels;
        return batch.Labels.ToDictionary(p => p.Key, p => p.Value.DataType.IsFloatingPoint() && p.Value.Dims.Count == 2
            ? p.Value
            : (ITensor)LabelEncoding.OneHot(LabelEncoding.ToClassIndices(p.Value, k, sourceName, batch.Start), k, p.Key));
    }

    private static RecordPlan Plan(string source, TensorSpec input, DataField feature, PreprocessingOptions options)
    {
        long[] data = feature.RecordDims.ToArray();
        var shape = input.Shape ?? throw new DataFormatException(source, null, $"model input '{input.Name}' has no known rank; the data cannot be fitted to it.");
        if (shape.Rank == 0) throw new DataFormatException(source, null, $"model input '{input.Name}' is a scalar; data inputs need a batch axis.");
        var modelDims = shape.Skip(1).Select(d => d.Value).ToArray();
        string Mismatch(string why) =>
            $"array '{feature.Name}' has records {TensorDims.Format(data)} but model input '{input.Name}' takes {Format(modelDims)}: {why}";

        // 1. Same shape (symbolic dims take the data's sizes).
        if (modelDims.Length == data.Length && modelDims.Zip(data).All(p => p.First is null || p.First == p.Second))
            return Finish(source, input, feature, data, null, options);

        // 2. Image to image.
        if (modelDims.Length == 3 && ImageOf(data) is { } from)
        {
            bool channelsFirst = ChannelsFirst(modelDims, options.Layout);
            long? c = channelsFirst ? modelDims[0] : modelDims[2];
            long? h = channelsFirst ? modelDims[1] : modelDims[0];
            long? w = channelsFirst ? modelDims[2] : modelDims[1];
            int channels = (int)(c ?? from.Channels);
            if (!(channels == from.Channels || (channels == 1 && from.Channels >= 3) || (channels == 3 && from.Channels is 1 or 4)))
                throw new DataFormatException(source, null, Mismatch($"{from.Channels} channels cannot become {channels}."));
            int height = (int)(h ?? from.Height), width = (int)(w ?? from.Width);
            if ((height != from.Height || width != from.Width) && options.Resize is null)
                throw new DataFormatException(source, null, Mismatch($"the images are {from.Height}x{from.Width}, the model's {height}x{width}; resize them (--resize {height}x{width})."));
            var geometry = new ImageGeometry(from.Height, from.Width, from.Channels, from.ChannelsFirst, height, width, channels, channelsFirst);
            long[] target = channelsFirst ? [channels, height, width] : [height, width, channels];
            return Finish(source, input, feature, target, geometry, options);
        }

        // 3. Flatten or unflatten.
        if ((modelDims.Length == 1 || data.Length == 1) && modelDims.All(d => d is not null) && Product(data) == Product(modelDims.Select(d => d!.Value)))
            return Finish(source, input, feature, modelDims.Select(d => d!.Value).ToArray(), null, options);

        throw new DataFormatException(source, null, Mismatch("no reshape, channel or layout change fits one to the other."));
    }

    private static RecordPlan Finish(string source, TensorSpec input, DataField feature, long[] target, ImageGeometry? image, PreprocessingOptions options)
    {
        // Per-channel (images) or per-feature (last axis) normalization: the axis's size and the stride between its entries.
        int axisSize, stride;
        if (image is not null)
            (axisSize, stride) = image.TargetChannelsFirst ? (image.TargetChannels, image.TargetHeight * image.TargetWidth) : (image.TargetChannels, 1);
        else if (target.Length == 3 && ChannelsFirst(target.Select(d => (long?)d).ToArray(), options.Layout))
            (axisSize, stride) = ((int)target[0], (int)(target[1] * target[2]));
        else if (target.Length == 3)
            (axisSize, stride) = ((int)target[2], 1);
        else
            (axisSize, stride) = (target.Length == 0 ? 1 : (int)target[^1], 1);
        foreach (var (name, values) in new[] { ("mean", options.Mean), ("std", options.Std) })
        {
            if (values is not null && values.Count != 1 && values.Count != axisSize)
                throw new DataFormatException(source, null, $"{values.Count} {name} values given; model input '{input.Name}' needs 1 or {axisSize} (one per channel or feature).");
        }
        if (!IsSupported(input.ElementType))
            throw new DataFormatException(source, null, $"model input '{input.Name}' takes {input.ElementType.OnnxName()}; data can feed float, float16, double and integer inputs.");
        return new RecordPlan(input.Name, feature.Name, input.ElementType, feature.RecordDims.ToArray(), target, image, axisSize, stride);
    }

    private InputBinding Describe(RecordPlan plan)
    {
        var steps = new List<string>();
        if (options.Scale != 1) steps.Add($"scale {options.Scale:G6}");
        if (plan.Image is { } g)
        {
            if (g.SourceChannels != g.TargetChannels) steps.Add($"{g.SourceChannels} → {g.TargetChannels} channels");
            if (g.Resizes) steps.Add($"resize {g.SourceHeight}x{g.SourceWidth} → {g.TargetHeight}x{g.TargetWidth}");
            steps.Add(g.TargetChannelsFirst ? "channels first" : "channels last");
        }
        else if (!plan.SourceDims.SequenceEqual(plan.TargetDims)) steps.Add($"reshape {TensorDims.Format(plan.SourceDims)} → {TensorDims.Format(plan.TargetDims)}");
        if (options.Mean is not null) steps.Add($"mean [{string.Join(", ", options.Mean)}]");
        if (options.Std is not null) steps.Add($"std [{string.Join(", ", options.Std)}]");
        if (plan.Target != DataType.Float) steps.Add($"as {plan.Target.OnnxName()}");
        return new InputBinding(plan.Input, plan.Feature, plan.TargetDims, steps);
    }

    private void Normalize(Span<float> values, RecordPlan plan)
    {
        if (options.Mean is null && options.Std is null) return;
        int axis = plan.NormalizationAxisSize;
        var mean = new float[axis];
        var inverseStd = new float[axis];
        for (int k = 0; k < axis; k++)
        {
            mean[k] = (float)(options.Mean is { } m ? m[m.Count == 1 ? 0 : k] : 0);
            inverseStd[k] = (float)(options.Std is { } s ? 1 / s[s.Count == 1 ? 0 : k] : 1);
        }
        for (int i = 0; i < values.Length; i++)
        {
            int k = i / plan.NormalizationStride % axis;
            values[i] = (values[i] - mean[k]) * inverseStd[k];
        }
    }

    private static Span<float> Floats(Memory<byte> storage) => MemoryMarshal.Cast<byte, float>(storage.Span);

    /// <summary>The boundary ONNX Runtime reads inputs on without copying them (see OnnxKit.Runtime's OrtTensors).</summary>
    private const int Alignment = 64;

    /// <summary>Aligned bytes for buffer <paramref name="slot"/> (two per input: values as read, values reshaped): the kept ones when reusing and large enough.</summary>
    private Memory<byte> Buffer(int slot, int length, bool reuse)
    {
        if (!reuse) return AlignedBytes(length);
        if (reused[slot] is not { } kept || kept.Memory.Length < length)
        {
            reused[slot]?.Dispose();
            reused[slot] = kept = new PooledPinnedBuffer(length, Alignment);
        }
        return kept.Memory[..length];
    }

    /// <summary>
    /// Returns the buffers that binding with <c>reuseBuffers</c> kept to the shared pool; the inputs bound into them must
    /// not be read after. A binder that never reused buffers holds nothing to release; one that did must be disposed, or
    /// its buffers stay pinned (there is no finalizer) until the process ends.
    /// </summary>
    public void Dispose()
    {
        for (int slot = 0; slot < reused.Length; slot++)
        {
            reused[slot]?.Dispose();
            reused[slot] = null;
        }
    }

    /// <summary><paramref name="length"/> bytes starting on an <see cref="Alignment"/> boundary, in a pinned array (so they stay there).</summary>
    private static Memory<byte> AlignedBytes(int length)
    {
        var array = GC.AllocateUninitializedArray<byte>(length + Alignment, pinned: true);
        int offset;
        unsafe
        {
            fixed (byte* start = array) offset = (int)((Alignment - (nint)start % Alignment) % Alignment);
        }
        return array.AsMemory(offset, length);
    }

    /// <summary>Writes the tensor's values as floats times <paramref name="scale"/> into <paramref name="values"/> (bytes and floats vectorized).</summary>
    private static void ScaleInto(ITensor tensor, double scale, Span<float> values)
    {
        var raw = tensor.GetRawData().Span;
        float s = (float)scale;
        switch (tensor.DataType)
        {
            case DataType.UInt8:
                ScaleBytes(raw[..values.Length], s, values);
                break;
            case DataType.Float when s == 1:
                MemoryMarshal.Cast<byte, float>(raw)[..values.Length].CopyTo(values);
                break;
            case DataType.Float:
                TensorPrimitives.Multiply(MemoryMarshal.Cast<byte, float>(raw)[..values.Length], s, values);
                break;
            default:
                for (int i = 0; i < values.Length; i++) values[i] = (float)(ElementDecoder.ReadAsDouble(tensor.DataType, raw, i) * scale);
                break;
        }
    }

    /// <summary>
    /// Each byte as a float times <paramref name="scale"/> (as <c>(float)b * scale</c>, in float arithmetic), converted and
    /// scaled in one pass of vectors: a byte vector widened to four float vectors. Converting, then scaling, with two
    /// library calls over blocks took half as long again (0.75 against 0.50 ms for the 7.8 million bytes of Fashion-MNIST's
    /// test set): most images are bytes, and evaluation binds every one of them.
    /// </summary>
    private static void ScaleBytes(ReadOnlySpan<byte> bytes, float scale, Span<float> values)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // Through references, not span slices: with bounds-checked slices the loop took 0.68 ms, not 0.50.
            var factor = new Vector<float>(scale);
            int width = Vector<byte>.Count, quarter = Vector<float>.Count;
            ref byte source = ref MemoryMarshal.GetReference(bytes);
            ref float target = ref MemoryMarshal.GetReference(values);
            for (; i <= bytes.Length - width; i += width)
            {
                Vector.Widen(Vector.LoadUnsafe(ref source, (nuint)i), out var low, out var high);
                Vector.Widen(low, out var first, out var second);
                Vector.Widen(high, out var third, out var fourth);
                Vector.StoreUnsafe(Vector.ConvertToSingle(first) * factor, ref target, (nuint)i);
                Vector.StoreUnsafe(Vector.ConvertToSingle(second) * factor, ref target, (nuint)(i + quarter));
                Vector.StoreUnsafe(Vector.ConvertToSingle(third) * factor, ref target, (nuint)(i + 2 * quarter));
                Vector.StoreUnsafe(Vector.ConvertToSingle(fourth) * factor, ref target, (nuint)(i + 3 * quarter));
            }
        }
        for (; i < bytes.Length; i++) values[i] = bytes[i] * scale;
    }

    private static bool IsSupported(DataType type) =>
        type is DataType.Float or DataType.Float16 or DataType.Double or DataType.Int64 or DataType.Int32 or DataType.UInt8 or DataType.Int8;

    private static DenseTensor Convert(Memory<byte> storage, DataType type, long[] dims, string name)
    {
        if (type == DataType.Float) return new DenseTensor(type, dims, storage, name);
        var values = Floats(storage).ToArray();
        return type switch
        {
            DataType.Float16 => DenseTensor.FromArray(type, values.Select(v => (Half)v).ToArray(), dims, name),
            DataType.Double => DenseTensor.FromArray(type, values.Select(v => (double)v).ToArray(), dims, name),
            DataType.Int64 => DenseTensor.FromInt64s(values.Select(v => (long)MathF.Round(v)).ToArray(), dims, name),
            DataType.Int32 => DenseTensor.FromArray(type, values.Select(v => (int)MathF.Round(v)).ToArray(), dims, name),
            DataType.UInt8 => DenseTensor.FromArray(type, values.Select(v => (byte)Math.Clamp(MathF.Round(v), 0, 255)).ToArray(), dims, name),
            _ => DenseTensor.FromArray(type, values.Select(v => (sbyte)Math.Clamp(MathF.Round(v), -128, 127)).ToArray(), dims, name),
        };
    }

    /// <summary>The geometry of an image record: <c>[H,W]</c>, <c>[H,W,C]</c> or <c>[C,H,W]</c> with C of 1, 3 or 4.</summary>
    private static (int Height, int Width, int Channels, bool ChannelsFirst)? ImageOf(long[] dims) => dims switch
    {
        [var h, var w] => ((int)h, (int)w, 1, false),
        [var h, var w, var c] when IsChannelCount(c) => ((int)h, (int)w, (int)c, false),
        [var c, var h, var w] when IsChannelCount(c) => ((int)h, (int)w, (int)c, true),
        _ => null,
    };

    /// <summary>
    /// Whether a model's rank-3 record is channels first: as <paramref name="layout"/> says, else unless
    /// only the last axis looks like channels, 1 or 3 (ONNX's own layout wins when both axes could be).
    /// </summary>
    private static bool ChannelsFirst(long?[] dims, TensorLayout layout) => layout switch
    {
        TensorLayout.Nchw => true,
        TensorLayout.Nhwc => false,
        _ => !(dims[2] is 1 or 3 && dims[0] is not (1 or 3)),
    };

    private static bool IsChannelCount(long? size) => size is 1 or 3 or 4;

    private static long Product(IEnumerable<long> dims) => dims.Aggregate(1L, (a, b) => a * b);

    private static string Format(long?[] dims) => "[" + string.Join(",", dims.Select(d => d?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?")) + "]";
}
