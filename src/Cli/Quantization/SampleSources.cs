using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Quantization;
using OnnxKit.Reference;
using OnnxKit.Runtime;
using OnnxKit.Runtime.Tensors;
using OnnxKit.Serialization.NumPy;

namespace OnnxKit.Cli.Quantization;

/// <summary>
/// Composes what <c>onnxkit quantize</c> runs on: the backend (ONNX Runtime or the reference evaluator)
/// and the calibration and evaluation batches named on the command line, checked against the model's
/// inputs before anything runs.
/// </summary>
internal static class SampleSources
{
    /// <summary>Random calibration: this many samples unless --calibration-samples says otherwise.</summary>
    private const int DefaultRandomSamples = 32;

    public static QuantizationServices Services(QuantizationData data, string modelPath, IProgress<QuantizationProgress>? progress)
    {
        var model = OnnxKit.Serialization.OnnxFile.Load(modelPath);
        var inputs = model.Graph.Inputs.Where(v => !model.Graph.Initializers.Contains(v.Name))
            .Select(v => new TensorSpec(v.Name, v.TensorType?.ElementType ?? DataType.Undefined, v.TensorType?.Shape)).ToList();
        Func<Model, IModelBackend> open = data.Backend == "reference"
            ? m => new ReferenceModelBackend(m)
            : m => OnnxSession.FromModel(m, new SessionSettings());
        return new QuantizationServices
        {
            OpenBackend = open,
            Calibration = data.Calibration is { } c ? Open(c, inputs, data.CalibrationSamples, data.BatchSize, data.Seed, "calibration") : null,
            CalibrationDescription = data.Calibration is { } d ? Describe(d, data.CalibrationSamples) : null,
            CalibrationIsRandom = data.Calibration == "random",
            Evaluation = data.Evaluation is { } e ? Open(e, inputs, data.EvaluationSamples, data.BatchSize, data.Seed + 1, "evaluation") : null,
            EvaluationDescription = data.Evaluation is { } f ? Describe(f, data.EvaluationSamples) : null,
            Progress = progress,
        };
    }

    private static string Describe(string spec, int limit) => limit > 0 ? $"{spec} (first {limit} samples)" : spec;

    private static List<SampleBatch> Open(string spec, IReadOnlyList<TensorSpec> inputs, int limit, int batchSize, int seed, string purpose)
    {
        if (inputs.FirstOrDefault(i => i.Shape is { Rank: > 0 } s && s[0].Value is > 0) is { } fixedInput) batchSize = (int)fixedInput.Shape![0].Value!.Value;
        if (spec == "random") return Random(inputs, limit > 0 ? limit : DefaultRandomSamples, batchSize, seed);
        if (spec.EndsWith(".npz", StringComparison.OrdinalIgnoreCase))
        {
            if (!File.Exists(spec)) throw new UsageException($"The {purpose} data '{spec}' does not exist.");
            return Npz(spec, inputs, limit, batchSize, purpose);
        }
        throw new UsageException($"--{purpose}-data '{spec}': give a .npz archive or 'random'.");
    }

    private static List<SampleBatch> Random(IReadOnlyList<TensorSpec> inputs, int samples, int batchSize, int seed)
    {
        var batches = new List<SampleBatch>();
        for (int start = 0, k = 0; start < samples; start += batchSize, k++)
        {
            int size = Math.Min(batchSize, samples - start);
            var notes = new List<string>();
            var overrides = ShapeOverrides.Parse(inputs.Where(i => i.Shape is { Rank: > 0 } s && s[0].Symbol is not null).Select(i => $"{i.Shape![0].Symbol}={size}").Distinct());
            batches.Add(new SampleBatch(RandomTensors.ForInputs(inputs, overrides, seed + k, notes)));
        }
        return batches;
    }

    /// <summary>A .npz with one array per model input (first axis = samples), and optionally 'labels' or 'y'.</summary>
    private static List<SampleBatch> Npz(string path, IReadOnlyList<TensorSpec> inputs, int limit, int batchSize, string purpose)
    {
        var arrays = NpzFile.Read(path).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        string where = $"{purpose} data '{path}'";
        var labels = arrays.Remove("labels", out var l) || arrays.Remove("y", out l) ? l.ToInt64Array().Select(v => (int)v).ToArray() : null;
        if (arrays.Count == 1 && inputs.Count == 1 && arrays.ContainsKey("x")) arrays = new() { [inputs[0].Name] = arrays["x"] };
        foreach (var name in arrays.Keys.Where(n => inputs.All(i => i.Name != n)))
            throw new OnnxKitException($"The {where} has an array '{name}', but the model has no input of that name (inputs: {string.Join(", ", inputs)}).");
        long count = -1;
        foreach (var input in inputs)
        {
            if (!arrays.TryGetValue(input.Name, out var array))
                throw new OnnxKitException($"The {where} has no array for the model's input {input} (arrays: {string.Join(", ", arrays.Keys)}).");
            if (array.DataType != input.ElementType)
                throw new OnnxKitException($"The {where}: array '{input.Name}' holds {array.DataType.OnnxName()}, but the model's input is {input}.");
            if (input.Shape is { } shape && !Fits(shape, array.Dims))
                throw new OnnxKitException($"The {where}: array '{input.Name}' has shape [{string.Join(",", array.Dims)}] (first axis = samples), which does not fit the model's input {input}.");
            if (count >= 0 && array.Dims[0] != count)
                throw new OnnxKitException($"The {where}: arrays hold different numbers of samples ({count} and {array.Dims[0]} in '{input.Name}').");
            count = array.Dims[0];
        }
        if (count <= 0) throw new OnnxKitException($"The {where} holds no samples.");
        if (labels is not null && labels.Length != count) throw new OnnxKitException($"The {where} has {labels.Length} labels for {count} samples.");
        if (limit > 0) count = Math.Min(count, limit);
        var batches = new List<SampleBatch>();
        for (long start = 0; start < count; start += batchSize)
        {
            long size = Math.Min(batchSize, count - start);
            batches.Add(new SampleBatch(arrays.ToDictionary(kv => kv.Key, kv => (ITensor)Rows(kv.Value, start, size, kv.Key), StringComparer.Ordinal),
                labels?.Skip((int)start).Take((int)size).ToArray()));
        }
        return batches;
    }

    /// <summary>True when dims (first axis = samples) fit the input's shape: same rank, known dims equal.</summary>
    private static bool Fits(Shape shape, IReadOnlyList<long> dims)
    {
        if (shape.Rank != dims.Count) return false;
        for (int i = 1; i < dims.Count; i++)
        {
            if (shape[i].Value is long known && known != dims[i]) return false;
        }
        return shape[0].Value is not long fixedBatch || fixedBatch == dims[0] || dims[0] % fixedBatch == 0;
    }

    private static DenseTensor Rows(ITensor tensor, long start, long count, string name)
    {
        long rowBytes = tensor.ByteCount / tensor.Dims[0];
        var bytes = tensor.GetRawData().Slice((int)(start * rowBytes), (int)(count * rowBytes));
        return new DenseTensor(tensor.DataType, [count, .. tensor.Dims.Skip(1)], bytes, name);
    }
}
