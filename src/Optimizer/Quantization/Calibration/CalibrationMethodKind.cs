namespace OnnxKit.Optimizer.Quantization.Calibration;

/// <summary>How calibration turns the observed statistics of a tensor into the range it is quantized over.</summary>
public enum CalibrationMethodKind
{
    /// <summary>The smallest and largest values seen (or their moving averages over batches).</summary>
    MinMax,

    /// <summary>The clipping threshold whose quantized distribution is closest (Kullback–Leibler) to the observed one.</summary>
    Entropy,

    /// <summary>Clips the given percentage of values: the range holds that share of the observed values.</summary>
    Percentile,

    /// <summary>The clipping range that minimises the expected squared quantization error (rounding plus clipping) over the observed distribution.</summary>
    Distribution,
}
