using OnnxKit.Ir;
using OnnxKit.Optimizer.Quantization.Numerics;
using OnnxKit.Optimizer.Quantization.Reporting;

namespace OnnxKit.Optimizer.Quantization.Verification;

/// <summary>
/// Runs the float and the quantized model on the same evaluation batches and measures their agreement
/// (<see cref="QuantizationVerification"/>); the first comparison can also measure every quantized
/// activation: the SQNR of its dequantized value in the quantized model against the float model's
/// value (errors of earlier layers included), and the SQNR of quantizing the float value alone with
/// its parameters (its own range's rounding and clipping).
/// </summary>
internal static class ModelComparison
{
    /// <summary>Compares <paramref name="quantized"/> with <paramref name="original"/>, measuring activations when <paramref name="measureActivations"/>.</summary>
    public static (QuantizationVerification Verification, IReadOnlyList<TensorQuantization> Records, FloatReference Reference) First(
        Model original, Model quantized, IReadOnlyList<TensorQuantization> records, QuantizationServices services,
        IEnumerable<SampleBatch> batches, string source, QuantizationBudget budget, bool measureActivations)
    {
        var outputs = original.Graph.Outputs.Select(o => o.Name).ToList();
        var reference = new FloatReference { OutputNames = outputs };
        var activations = measureActivations ? records.Where(r => r.Role == TensorRole.Activation && r.DequantizedName is not null).ToList() : [];
        using var floatBackend = services.Backend.Prepare(ExposedTensors.With(original, activations.Select(r => r.Name)));
        using var quantizedBackend = services.Backend.Prepare(ExposedTensors.With(quantized, activations.Select(r => r.DequantizedName!)));
        var endToEnd = activations.ToDictionary(r => r.Name, _ => new SignalToNoise());
        var local = activations.ToDictionary(r => r.Name, _ => new SignalToNoise());
        var histograms = activations.ToDictionary(r => r.Name, _ => new Calibration.Histogram());
        var parameters = activations.ToDictionary(r => r.Name, r => new QuantizationParameters(QuantizedType.For(r.Type), new ParameterLayout([], Granularity.PerTensor),
            [(float)r.ScaleMin], [r.ZeroPoint]));
        var meters = outputs.ToDictionary(o => o, o => new AgreementMeter(o));
        (long Hits, long Samples) quantizedHits = default;
        long samples = 0;
        int count = 0;
        foreach (var batch in batches)
        {
            services.Cancellation.ThrowIfCancellationRequested();
            var expected = Run(floatBackend, batch, "float");
            var actual = Run(quantizedBackend, batch, "quantized");
            foreach (var r in activations)
            {
                var f = ExposedTensors.Read(r.Name, expected, batch.Inputs);
                endToEnd[r.Name].Add(f, ExposedTensors.Read(r.DequantizedName!, actual, batch.Inputs));
                local[r.Name].Add(f, TensorQuantizer.Quantize(f, [f.Length], parameters[r.Name]).Dequantize());
                histograms[r.Name].Add(f);
            }
            var kept = outputs.ToDictionary(o => o, o => (expected[o].ToArray<float>(), expected[o].Dims.ToArray()));
            reference.Batches.Add(kept);
            reference.Labels.Add(batch.Labels);
            samples += Accumulate(reference, kept, actual, batch.Labels, meters, ref quantizedHits);
            services.Progress?.Report(new QuantizationProgress("verify", ++count, samples, services.Evaluation is null ? services.CalibrationCount : services.EvaluationCount));
        }
        var verification = Verdict(reference, meters, quantizedHits, samples, source, budget);
        var measured = records.Select(r => endToEnd.TryGetValue(r.Name, out var e) && r.Role == TensorRole.Activation
            ? r with { ActivationSqnr = e.Decibels, LocalSqnr = local[r.Name].Decibels, Histogram = HistogramSummary.Of(histograms[r.Name]) } : r).ToList();
        return (verification, measured, reference);
    }

    /// <summary>Compares <paramref name="quantized"/> with the float outputs kept in <paramref name="reference"/>.</summary>
    public static QuantizationVerification Against(FloatReference reference, Model quantized, QuantizationServices services,
        IEnumerable<SampleBatch> batches, string source, QuantizationBudget budget)
    {
        using var backend = services.Backend.Prepare(quantized);
        var meters = reference.OutputNames.ToDictionary(o => o, o => new AgreementMeter(o));
        (long Hits, long Samples) hits = default;
        long samples = 0;
        int index = 0;
        foreach (var batch in batches)
        {
            services.Cancellation.ThrowIfCancellationRequested();
            if (index >= reference.Batches.Count) break;
            samples += Accumulate(reference, reference.Batches[index++], Run(backend, batch, "quantized"), batch.Labels, meters, ref hits, countFloat: false);
        }
        return Verdict(reference, meters, hits, samples, source, budget);
    }

    private static IReadOnlyDictionary<string, ITensor> Run(Execution.IModelBackend backend, SampleBatch batch, string which)
    {
        try
        {
            return backend.Run(batch.Inputs);
        }
        catch (OnnxKitException e)
        {
            throw new OnnxKitException($"The {which} model failed on an evaluation batch: {e.Message}", e);
        }
    }

    /// <summary>Adds one batch to the meters and accuracy counts; returns its sample count.</summary>
    private static long Accumulate(FloatReference reference, Dictionary<string, (float[] Values, long[] Dims)> expected,
        IReadOnlyDictionary<string, ITensor> actual, IReadOnlyList<int>? labels, Dictionary<string, AgreementMeter> meters,
        ref (long Hits, long Samples) quantizedHits, bool countFloat = true)
    {
        foreach (var (name, meter) in meters) meter.Add(expected[name].Values, actual[name].ToArray<float>(), expected[name].Dims);
        reference.ClassOutput ??= reference.OutputNames.FirstOrDefault(o => expected[o].Dims is { Length: >= 2 } d && d[^1] >= 2);
        long rows = expected[reference.OutputNames[0]].Dims is { Length: > 0 } first ? first[0] : 1;
        if (labels is null || reference.ClassOutput is not { } output) return rows;
        int classes = (int)expected[output].Dims[^1];
        var quantizedValues = actual[output].ToArray<float>();
        var floatValues = expected[output].Values;
        long floatHits = 0, hits = 0;
        for (int row = 0; row < labels.Count && (row + 1) * classes <= floatValues.Length; row++)
        {
            if (AgreementMeter.ArgMax(floatValues, row * classes, classes) == labels[row]) floatHits++;
            if (AgreementMeter.ArgMax(quantizedValues, row * classes, classes) == labels[row]) hits++;
        }
        if (countFloat) reference.FloatHits = (reference.FloatHits.Hits + floatHits, reference.FloatHits.Samples + labels.Count);
        quantizedHits = (quantizedHits.Hits + hits, quantizedHits.Samples + labels.Count);
        return labels.Count;
    }

    private static QuantizationVerification Verdict(FloatReference reference, Dictionary<string, AgreementMeter> meters, (long Hits, long Samples) hits,
        long samples, string source, QuantizationBudget budget)
    {
        var agreements = reference.OutputNames.Select(o => meters[o].Result()).ToList();
        double? floatAccuracy = reference.FloatHits.Samples > 0 ? 100.0 * reference.FloatHits.Hits / reference.FloatHits.Samples : null;
        double? accuracy = hits.Samples > 0 ? 100.0 * hits.Hits / hits.Samples : null;
        string? failure = null;
        foreach (var o in agreements)
        {
            if (budget.MinCosine is { } c && !(o.Cosine >= c)) failure ??= FormattableString.Invariant($"output '{o.Name}' has cosine similarity {o.Cosine:0.#####} < {c}");
            if (budget.MaxRelativeError is { } r && !(o.RelativeError <= r)) failure ??= FormattableString.Invariant($"output '{o.Name}' has relative error {o.RelativeError:0.####} > {r}");
        }
        if (budget.MaxAccuracyDrop is { } drop)
        {
            if (floatAccuracy is null) failure ??= "the accuracy budget needs labelled evaluation data";
            else if (floatAccuracy - accuracy > drop) failure ??= FormattableString.Invariant($"top-1 accuracy fell {floatAccuracy - accuracy:0.##} points ({floatAccuracy:0.##}% → {accuracy:0.##}%) > {drop}");
        }
        return new QuantizationVerification(samples, source, agreements, floatAccuracy, accuracy, budget, failure);
    }
}
