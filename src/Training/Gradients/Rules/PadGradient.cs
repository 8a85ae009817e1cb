using OnnxKit.Ir;

namespace OnnxKit.Training.Gradients.Rules;

/// <summary>
/// Pad in constant mode with constant, non-negative pads (opset 11 form, pads as an input):
/// dx = dy with the padding sliced off. Reflect and edge modes are not supported.
/// </summary>
internal sealed class PadGradient : GradientRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Pad"];

    /// <inheritdoc/>
    public override Value?[] Backward(GradientContext c)
    {
        if (c.String("mode", "constant") != "constant") throw c.Unsupported($"mode '{c.String("mode", "constant")}' is not supported");
        if (c.HasInput(3)) throw c.Unsupported("the axes input is not supported");
        var pads = c.Ints("pads") ?? c.ConstantInput(1).ToInt64Array();
        if (pads.Any(p => p < 0)) throw c.Unsupported("negative pads are not supported");
        int rank = pads.Length / 2;
        var ends = Enumerable.Range(0, rank).Select(a => pads[rank + a] == 0 ? long.MaxValue : -pads[rank + a]).ToArray();
        var e = c.Emit;
        return [e.Op("Slice", c.RequiredOutputGradient(), e.Int64s(pads[..rank]), e.Int64s(ends))];
    }
}
