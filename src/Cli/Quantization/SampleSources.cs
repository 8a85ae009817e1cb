using OnnxKit.Data;
using OnnxKit.Data.Binding;
using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Quantization;
using OnnxKit.Reference;
using OnnxKit.Runtime;
using OnnxKit.Runtime.Tensors;

namespace OnnxKit.Cli.Quantization;

/// <summary>
/// Composes what <c>onnxkit quantize</c> runs on: the backend (ONNX Runtime or the reference evaluator)
/// and the calibration and evaluation samples: a data set read by OnnxKit.Data in batches and fitted
/// to the model's inputs by its binder (so a wrong shape, type or input name fails before anything
/// runs, naming the file and input), or seeded random tensors for <c>random</c>.
/// </summary>
internal static class SampleSources
{
    /// <summary>Random calibration: this many samples unless --calibration-samples says otherwise.</summary>
    private const int DefaultRandomSamples = 32;

    public static QuantizationServices Services(QuantizationData data, Model model, IProgress<QuantizationProgress>? progress)
    {
        var inputs = model.Graph.Inputs.Where(v => !model.Graph.Initializers.Contains(v.Name))
            .Select(v => new TensorSpec(v.Name, v.TensorType?.ElementType ?? DataType.Undefined, v.TensorType?.Shape)).ToList();
        var backend = Backends.For(data.Backend);
        var calibration = data.Calibration is { } c ? Open(c, inputs, data.CalibrationSamples, data.BatchSize, data.Seed, data) : default;
        var evaluation = data.Evaluation is { } e ? Open(e, inputs, data.EvaluationSamples, data.BatchSize, data.Seed + 1, data) : default;
        return new QuantizationServices
        {
            Backend = backend,
            Calibration = calibration.Batches,
            CalibrationDescription = calibration.Description,
            CalibrationCount = calibration.Count,
            CalibrationIsRandom = data.Calibration == "random",
            Evaluation = evaluation.Batches,
            EvaluationDescription = evaluation.Description,
            EvaluationCount = evaluation.Count,
            Progress = progress,
        };
    }

    private static (IEnumerable<SampleBatch>? Batches, string? Description, long? Count) Open(string spec, IReadOnlyList<TensorSpec> inputs, int limit, int batchSize, int seed, QuantizationData data)
    {
        if (inputs.FirstOrDefault(i => i.Shape is { Rank: > 0 } s && s[0].Value is > 0) is { } fixedInput) batchSize = (int)fixedInput.Shape![0].Value!.Value;
        if (spec == "random")
        {
            int samples = limit > 0 ? limit : DefaultRandomSamples;
            return (Random(inputs, samples, batchSize, seed), $"random ({samples} samples)", samples);
        }
        DataSpec parsed;
        try
        {
            parsed = DataSpec.Parse(spec);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        var source = DataSources.Open(parsed, data.Preprocessing, new DataReadOptions { Limit = limit > 0 ? limit : null });
        var binder = ModelInputBinder.Create(source, inputs, data.Preprocessing);
        return (source.ReadBatches(batchSize).Select(b => new SampleBatch(binder.Bind(b), Labels(b, source.Name))), source.Description, source.Count);
    }

    private static int[]? Labels(DataBatch batch, string source) =>
        batch.DefaultLabels is { } labels && labels.Dims.Count == 1 ? labels.ToInt64Array().Select(v => checked((int)v)).ToArray() : null;

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
}
