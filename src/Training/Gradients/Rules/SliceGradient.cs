using OnnxKit.Ir;

namespace OnnxKit.Training.Gradients.Rules;

/// <summary>
/// Slice with constant starts, ends, axes and unit steps: dy padded with zeros back to x's
/// shape (the sliced axes must have known sizes). Other steps are not supported.
/// </summary>
internal sealed class SliceGradient : GradientRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Slice"];

    /// <inheritdoc/>
    public override Value?[] Backward(GradientContext c)
    {
        var x = c.Input(0);
        var shape = c.ShapeOf(x);
        int rank = shape.Rank;
        var starts = c.ConstantInput(1).ToInt64Array();
        var ends = c.ConstantInput(2).ToInt64Array();
        var axes = c.HasInput(3) ? c.ConstantInput(3).ToInt64Array() : Enumerable.Range(0, starts.Length).Select(a => (long)a).ToArray();
        var steps = c.HasInput(4) ? c.ConstantInput(4).ToInt64Array() : Enumerable.Repeat(1L, starts.Length).ToArray();
        if (steps.Any(s => s != 1)) throw c.Unsupported("only unit steps are supported");
        var pads = new long[2 * rank];
        for (int i = 0; i < axes.Length; i++)
        {
            int axis = (int)(axes[i] < 0 ? axes[i] + rank : axes[i]);
            long size = shape[axis].Value ?? throw c.Unsupported($"the size of '{x.Name}' along sliced axis {axis} is unknown");
            long start = Math.Clamp(starts[i] < 0 ? starts[i] + size : starts[i], 0, size);
            long end = Math.Clamp(ends[i] < 0 ? ends[i] + size : ends[i], start, size);
            pads[axis] = start;
            pads[rank + axis] = size - end;
        }
        var e = c.Emit;
        return [e.Op("Pad", c.RequiredOutputGradient(), e.Int64s(pads))];
    }
}
