namespace OnnxKit.Optimizer.Quantization.Verification;

/// <summary>
/// The quantized model against the float one on evaluation samples: every output's agreement,
/// top-1 accuracy of both on labelled data, and the verdict under the budget.
/// </summary>
/// <param name="Samples">Samples compared.</param>
/// <param name="Source">What the samples were.</param>
/// <param name="Outputs">Each output's agreement.</param>
/// <param name="FloatAccuracy">The float model's top-1 accuracy in percent (labelled data only).</param>
/// <param name="QuantizedAccuracy">The quantized model's top-1 accuracy in percent.</param>
/// <param name="Budget">The budget the verdict applies.</param>
/// <param name="Failure">Why the budget is not met, or null when it is.</param>
public sealed record QuantizationVerification(long Samples, string Source, IReadOnlyList<OutputAgreement> Outputs,
    double? FloatAccuracy, double? QuantizedAccuracy, QuantizationBudget Budget, string? Failure)
{
    /// <summary>True when the budget is met.</summary>
    public bool Passed => Failure is null;

    /// <summary>Accuracy lost, in percentage points.</summary>
    public double? AccuracyDrop => FloatAccuracy - QuantizedAccuracy;

    /// <summary>One line for reports.</summary>
    public string Summary => string.Join("; ", Outputs.Select(o => FormattableString.Invariant(
            $"{o.Name}: cosine {o.Cosine:0.#####}, relative error {o.RelativeError:0.####}{(o.Top1Agreement is { } a ? $", top-1 agreement {100 * a:0.##}%" : "")}")))
        + (FloatAccuracy is { } f ? FormattableString.Invariant($"; top-1 accuracy {f:0.##}% → {QuantizedAccuracy:0.##}%") : "")
        + FormattableString.Invariant($" on {Samples} sample(s) of {Source}");
}
