using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Tensor;

namespace OnnxKit.Reference.Kernels.Nn;

/// <summary>
/// Dropout. In inference mode (and in training mode with ratio 0) it is the identity with an
/// all-true mask. Training mode with a positive ratio draws random numbers; the reference
/// evaluator only runs deterministic computations and reports it as unsupported.
/// </summary>
internal static class DropoutKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r) => r.Add("Dropout", 7, 22, Dropout);

    private static void Dropout(OpContext c)
    {
        var x = c.Input(0);
        double ratio = c.Version >= 12 ? (c.OptionalInput(1) is { } ratioInput ? KernelInputs.Scalar(ratioInput) : 0.5) : c.Float("ratio", 0.5f);
        bool training = c.Version >= 12 && c.OptionalInput(2) is { } mode && KernelInputs.Scalar(mode) != 0;
        if (training && ratio > 0)
            throw new UnsupportedFeatureException("random Dropout", $"Dropout in training mode with ratio {ratio} drops random elements; the reference evaluator runs only deterministic computations.");
        c.SetOutput(0, x);
        if (c.HasOutput(1))
            c.SetOutput(1, new TensorValue(DataType.Bool, x.Dims, Enumerable.Repeat(true, x.ElementCount).ToArray()));
    }
}
