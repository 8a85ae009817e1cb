using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Tensor;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Nn;

/// <summary>
/// Dropout (every version). In inference mode (and in training mode with ratio 0) it is the identity with an
/// all-true mask. Training mode with a positive ratio draws random numbers; the reference
/// evaluator only runs deterministic computations and reports it as unsupported.
/// </summary>
internal static class DropoutKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r) => r.Add("Dropout", 1, 22, Dropout);

    private static void Dropout(OpContext c)
    {
        var x = c.Input(0);
        double ratio = c.Version >= 12 ? (c.OptionalInput(1) is { } ratioInput ? KernelInputs.Scalar(ratioInput) : 0.5) : c.Float("ratio", 0.5f);
        // Before opset 7, is_test=0 (the default) is training mode; opsets 7–11 always infer; from 12 an input says.
        bool training = c.Version >= 12 ? c.OptionalInput(2) is { } mode && KernelInputs.Scalar(mode) != 0 : c.Version < 7 && c.Int("is_test", 0) == 0;
        if (training && ratio > 0)
            throw new UnsupportedFeatureException("random Dropout", $"Dropout in training mode with ratio {ratio} drops random elements; the reference evaluator runs only deterministic computations.");
        c.SetOutput(0, x);
        if (!c.HasOutput(1)) return;
        // The mask keeps every element: bool from opset 7, of X's type (ones) before.
        var mask = new TensorValue(DataType.Bool, x.Dims, Enumerable.Repeat(true, x.ElementCount).ToArray());
        c.SetOutput(1, c.Version < 7 ? ElementConverter.Convert(mask, x.ElementType) : mask);
    }
}
