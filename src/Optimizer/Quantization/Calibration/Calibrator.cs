using OnnxKit.Ir;
using OnnxKit.Optimizer.Quantization.Numerics;

namespace OnnxKit.Optimizer.Quantization.Calibration;

/// <summary>
/// Calibrates tensors of a float model on demand: asked for ranges, it observes the tensors it has not
/// seen yet in one pass over the calibration batches (so an accuracy-budget search that needs a new
/// tensor costs one more pass for that tensor only) and turns the statistics into ranges by method.
/// </summary>
internal sealed class Calibrator(Model model, CalibrationMethod method, QuantizationServices services)
{
    private readonly Dictionary<string, TensorStatistics> statistics = new(StringComparer.Ordinal);

    /// <summary>Samples in the calibration set (counted on the first pass).</summary>
    public long Samples { get; private set; }

    /// <summary>Passes made over the calibration batches.</summary>
    public int Passes { get; private set; }

    /// <summary>The statistics gathered so far.</summary>
    public IReadOnlyDictionary<string, TensorStatistics> Statistics => statistics;

    /// <summary>The range of each of <paramref name="names"/>, observing the ones not seen yet.</summary>
    /// <exception cref="OnnxKitException">There are no calibration batches, or they are empty, or they do not fit the model.</exception>
    public Dictionary<string, TensorRange> Ranges(IReadOnlyCollection<string> names, QuantizedType type, bool symmetric)
    {
        var missing = names.Where(n => !statistics.ContainsKey(n)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0) Observe(missing);
        return names.Distinct(StringComparer.Ordinal).ToDictionary(n => n, n => RangeEstimator.Estimate(statistics[n], method, type, symmetric), StringComparer.Ordinal);
    }

    private void Observe(List<string> names)
    {
        var batches = services.Calibration ?? throw new OnnxKitException("Static quantization needs calibration data (or choose --mode dynamic or weight-only).");
        using var observer = new CalibrationObserver(model, names, method, services.Backend);
        long samples = 0;
        foreach (var batch in batches)
        {
            services.Cancellation.ThrowIfCancellationRequested();
            observer.Observe(batch.Inputs, services.Cancellation);
            samples += batch.Inputs.Values.FirstOrDefault()?.Dims.FirstOrDefault() ?? 1;
            services.Progress?.Report(new QuantizationProgress("calibrate", observer.Batches, samples, services.CalibrationCount));
        }
        if (observer.Batches == 0) throw new OnnxKitException($"The calibration data{Describe()} holds no samples.");
        if (Passes++ == 0) Samples = samples;
        foreach (var (name, s) in observer.Statistics) statistics[name] = s;
    }

    private string Describe() => services.CalibrationDescription is { } d ? $" ({d})" : "";
}
