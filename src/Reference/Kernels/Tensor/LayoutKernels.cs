using OnnxKit.Reference.Engine;

namespace OnnxKit.Reference.Kernels.Tensor;

/// <summary>Rearranging elements: Transpose, Concat, Split, Slice, Tile, Pad, DepthToSpace, SpaceToDepth, Compress, ReverseSequence, Trilu, CenterCropPad.</summary>
internal static class LayoutKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add("Transpose", 1, 25, Transpose);
        r.Add("Concat", 1, 13, Concat);
        r.Add("Split", 1, 18, Split);
        r.Add("Slice", 1, 1, c => c.SetOutput(0, Slice(c.Input(0), c.Ints("starts")!, c.Ints("ends")!, c.Ints("axes"), null)));
        r.Add("Slice", 10, 13, c => c.SetOutput(0, Slice(c.Input(0), KernelInputs.Longs(c.Input(1)), KernelInputs.Longs(c.Input(2)),
            c.OptionalInput(3) is { } axes ? KernelInputs.Longs(axes) : null, c.OptionalInput(4) is { } steps ? KernelInputs.Longs(steps) : null)));
        r.Add("Tile", 1, 1, TileAlongAxis);
        r.Add("Tile", 6, 13, c => c.SetOutput(0, Tile(c.Input(0), KernelInputs.Longs(c.Input(1)))));
        // Pad-1 names the attribute "paddings", Pad-2 "pads"; both list all begins, then all ends.
        r.Add("Pad", 1, 2, c => c.SetOutput(0, Pad(c.Input(0), c.Ints(c.Version < 2 ? "paddings" : "pads")!, null, c.String("mode", "constant"),
            TensorValue.Scalar(OnnxKit.Ir.DataType.Float, c.Float("value", 0f)))));
        r.Add("Pad", 11, 25, PadFromInputs);
        r.Add("DepthToSpace", 1, 13, DepthToSpace);
        r.Add("SpaceToDepth", 1, 13, SpaceToDepth);
        r.Add("Compress", 9, 11, Compress);
        r.Add("ReverseSequence", 10, 10, ReverseSequence);
        r.Add("Trilu", 14, 14, Trilu);
        r.Add("CenterCropPad", 18, 18, CenterCropPad);
    }

    private static void Transpose(OpContext c)
    {
        var x = c.Input(0);
        var perm = c.Ints("perm") is { } p ? p.Select(a => ShapeMath.NormalizeAxis(a, x.Rank)).ToArray() : Enumerable.Range(0, x.Rank).Reverse().ToArray();
        if (perm.Length != x.Rank || perm.Distinct().Count() != perm.Length)
            throw new OnnxKitException($"perm [{string.Join(",", perm)}] is not a permutation of the {x.Rank} axes.");
        c.SetOutput(0, Gathering.Transpose(x, perm));
    }

    private static void Concat(OpContext c)
    {
        var parts = Enumerable.Range(0, c.InputCount).Select(c.Input).ToList();
        var first = parts[0];
        // Concat-1 made axis optional (1 by default); it is required from opset 4 on.
        int axis = ShapeMath.NormalizeAxis(c.Version < 4 ? c.Int("axis", 1) : c.Required("axis").AsInt(), first.Rank);
        var dims = (int[])first.Dims.Clone();
        dims[axis] = 0;
        foreach (var part in parts)
        {
            if (part.Rank != first.Rank || part.ElementType != first.ElementType || Enumerable.Range(0, first.Rank).Any(i => i != axis && part.Dims[i] != first.Dims[i]))
                throw new OnnxKitException($"cannot concatenate {first.Describe()} and {part.Describe()} along axis {axis}.");
            dims[axis] += part.Dims[axis];
        }
        c.SetOutput(0, Gathering.Concat(parts, axis, dims));
    }

    private static void Split(OpContext c)
    {
        var x = c.Input(0);
        int axis = ShapeMath.NormalizeAxis(c.Int("axis", 0), x.Rank);
        // Split-1 takes the sizes as an attribute or as an optional second input; 2–12 as an attribute, 13 on as an input.
        long[]? sizes = c.Version >= 13 || (c.Version < 2 && c.HasInput(1)) ? (c.OptionalInput(1) is { } s ? KernelInputs.Longs(s) : null) : c.Ints("split");
        int dim = x.Dims[axis];
        if (sizes is null)
        {
            int parts = c.IntOrNull("num_outputs") is long n ? (int)n : c.OutputCount;
            if (parts <= 0) throw new OnnxKitException($"cannot split into {parts} parts.");
            if (c.IntOrNull("num_outputs") is null && dim % parts != 0)
                throw new OnnxKitException($"axis {axis} of size {dim} does not split evenly into {parts} parts.");
            int chunk = (dim + parts - 1) / parts;
            sizes = Enumerable.Range(0, parts).Select(i => (long)Math.Clamp(dim - i * chunk, 0, chunk)).ToArray();
        }
        if (sizes.Sum() != dim || sizes.Any(s => s < 0))
            throw new OnnxKitException($"split sizes [{string.Join(",", sizes)}] do not add up to {dim}.");
        long start = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            c.SetOutput(i, Slice(x, [start], [start + sizes[i]], [axis], null));
            start += sizes[i];
        }
    }

    /// <summary>Slice with ONNX's clamping rules (negative indices count from the end; steps may be negative).</summary>
    public static TensorValue Slice(TensorValue x, long[] starts, long[] ends, long[]? axes, long[]? steps)
    {
        axes ??= Enumerable.Range(0, starts.Length).Select(i => (long)i).ToArray();
        steps ??= Enumerable.Repeat(1L, starts.Length).ToArray();
        if (ends.Length != starts.Length || axes.Length != starts.Length || steps.Length != starts.Length)
            throw new OnnxKitException("starts, ends, axes and steps of Slice have different lengths.");
        var normalized = KernelInputs.Axes(axes, x.Rank);
        var strides = ShapeMath.Strides(x.Dims);
        var dims = (int[])x.Dims.Clone();
        var contributions = Enumerable.Range(0, x.Rank).Select(a => Gathering.Stepped(x.Dims[a], 0, 1, strides[a])).ToArray();
        for (int i = 0; i < normalized.Length; i++)
        {
            int a = normalized[i];
            long dim = x.Dims[a], step = steps[i];
            if (step == 0) throw new OnnxKitException("Slice step is 0.");
            long start = starts[i] < 0 ? starts[i] + dim : starts[i];
            long end = ends[i] < 0 ? ends[i] + dim : ends[i];
            if (step > 0)
            {
                start = Math.Clamp(start, 0, dim);
                end = Math.Clamp(end, 0, dim);
            }
            else
            {
                start = Math.Clamp(start, 0, dim - 1);
                end = Math.Clamp(end, -1, dim - 1);
            }
            long count = step > 0 ? (end - start + step - 1) / step : (start - end - step - 1) / -step;
            dims[a] = (int)Math.Max(count, 0);
            contributions[a] = Gathering.Stepped(dims[a], start, step, strides[a]);
        }
        return Gathering.Take(x, Gathering.Combine(dims, contributions), dims);
    }

    /// <summary>Tile-1: inputs (input, tiles, axis), two scalars; repeats the input <c>tiles</c> times along <c>axis</c>.</summary>
    private static void TileAlongAxis(OpContext c)
    {
        var x = c.Input(0);
        long tiles = KernelInputs.ScalarLong(c.Input(1));
        int axis = ShapeMath.NormalizeAxis(KernelInputs.ScalarLong(c.Input(2)), x.Rank);
        var repeats = Enumerable.Repeat(1L, x.Rank).ToArray();
        repeats[axis] = tiles;
        c.SetOutput(0, Tile(x, repeats));
    }

    private static TensorValue Tile(TensorValue x, long[] repeats)
    {
        if (repeats.Length != x.Rank || repeats.Any(v => v < 0)) throw new OnnxKitException($"repeats [{string.Join(",", repeats)}] do not fit rank {x.Rank}.");
        var strides = ShapeMath.Strides(x.Dims);
        var dims = KernelInputs.Dims(x.Dims.Select((d, i) => d * repeats[i]).ToArray());
        var contributions = dims.Select((d, a) => Enumerable.Range(0, d).Select(j => j % x.Dims[a] * strides[a]).ToArray()).ToArray();
        return Gathering.Take(x, Gathering.Combine(dims, contributions), dims);
    }

    private static void PadFromInputs(OpContext c)
    {
        var x = c.Input(0);
        var fill = c.OptionalInput(2);
        var axes = c.Version >= 18 && c.OptionalInput(3) is { } a ? KernelInputs.Longs(a) : null;
        c.SetOutput(0, Pad(x, KernelInputs.Longs(c.Input(1)), axes, c.String("mode", "constant"), fill));
    }

    /// <summary>Pads (or, with negative pads, crops) in constant, edge, reflect or wrap mode.</summary>
    public static TensorValue Pad(TensorValue x, IReadOnlyList<long> pads, long[]? axes, string mode, TensorValue? fill)
    {
        var padAxes = axes is null ? Enumerable.Range(0, x.Rank).ToArray() : KernelInputs.Axes(axes, x.Rank);
        if (pads.Count != 2 * padAxes.Length) throw new OnnxKitException($"pads has {pads.Count} values for {padAxes.Length} axes.");
        var before = new long[x.Rank];
        var after = new long[x.Rank];
        for (int i = 0; i < padAxes.Length; i++)
        {
            before[padAxes[i]] = pads[i];
            after[padAxes[i]] = pads[i + padAxes.Length];
        }
        if (mode == "reflect")
        {
            // The spec's reflection mirrors on the first and last values without repeating them, so a pad must
            // be smaller than the axis it extends (ONNX's clarified Pad docs; ONNX Runtime refuses the same).
            for (int a = 0; a < x.Rank; a++)
            {
                if (Math.Max(before[a], after[a]) >= x.Dims[a] && Math.Max(before[a], after[a]) > 0)
                    throw new OnnxKitException($"reflect padding of axis {a} by ({before[a]}, {after[a]}) needs the axis longer than each pad; it has {x.Dims[a]} element(s) in {x.Describe()}.");
            }
        }
        var strides = ShapeMath.Strides(x.Dims);
        var dims = KernelInputs.Dims(x.Dims.Select((d, a) => d + before[a] + after[a]).ToArray());
        var contributions = new int[x.Rank][];
        for (int a = 0; a < x.Rank; a++)
        {
            int dim = x.Dims[a];
            contributions[a] = new int[dims[a]];
            for (int j = 0; j < dims[a]; j++)
            {
                long i = j - before[a];
                long source = i >= 0 && i < dim ? i : mode switch
                {
                    "constant" => -1,
                    "edge" => Math.Clamp(i, 0, dim - 1),
                    "reflect" => Reflect(i, dim),
                    "wrap" => ((i % dim) + dim) % dim,
                    _ => throw new OnnxKitException($"Pad mode '{mode}' is not one of constant, reflect, edge, wrap."),
                };
                if (dim == 0 && source >= 0) throw new OnnxKitException($"cannot pad an empty axis in {mode} mode.");
                contributions[a][j] = source < 0 ? -1 : (int)source * strides[a];
            }
        }
        var filler = fill is null ? null : Numerics.ElementConverter.Convert(fill, x.ElementType);
        return Gathering.Take(x, Gathering.Combine(dims, contributions), dims, filler);
    }

    /// <summary>The source index of padded position <paramref name="i"/> (within one pad of the axis, which <see cref="Pad"/> checks).</summary>
    private static long Reflect(long i, long dim) => i < 0 ? -i : 2 * (dim - 1) - i;

    private static void DepthToSpace(OpContext c)
    {
        var x = c.Input(0);
        int b = (int)c.Required("blocksize").AsInt();
        if (x.Rank != 4 || b <= 0 || x.Dims[1] % (b * b) != 0) throw new OnnxKitException($"DepthToSpace with blocksize {b} cannot apply to {x.Describe()}.");
        int n = x.Dims[0], ch = x.Dims[1], h = x.Dims[2], w = x.Dims[3];
        bool crd = c.String("mode", "DCR") == "CRD";
        var reshaped = x.Reshaped(crd ? [n, ch / (b * b), b, b, h, w] : [n, b, b, ch / (b * b), h, w]);
        var moved = Gathering.Transpose(reshaped, crd ? [0, 1, 4, 2, 5, 3] : [0, 3, 4, 1, 5, 2]);
        c.SetOutput(0, moved.Reshaped([n, ch / (b * b), h * b, w * b]));
    }

    private static void SpaceToDepth(OpContext c)
    {
        var x = c.Input(0);
        int b = (int)c.Required("blocksize").AsInt();
        if (x.Rank != 4 || b <= 0 || x.Dims[2] % b != 0 || x.Dims[3] % b != 0) throw new OnnxKitException($"SpaceToDepth with blocksize {b} cannot apply to {x.Describe()}.");
        int n = x.Dims[0], ch = x.Dims[1], h = x.Dims[2], w = x.Dims[3];
        var moved = Gathering.Transpose(x.Reshaped([n, ch, h / b, b, w / b, b]), [0, 3, 5, 1, 2, 4]);
        c.SetOutput(0, moved.Reshaped([n, ch * b * b, h / b, w / b]));
    }

    private static void Compress(OpContext c)
    {
        var x = c.Input(0);
        var condition = c.Input(1).Array<bool>();
        if (c.IntOrNull("axis") is not long axisValue)
        {
            var flat = x.Reshaped([x.ElementCount]);
            var picks = Enumerable.Range(0, Math.Min(condition.Length, x.ElementCount)).Where(i => condition[i]).ToArray();
            c.SetOutput(0, Gathering.Take(flat, picks, [picks.Length]));
            return;
        }
        int axis = ShapeMath.NormalizeAxis(axisValue, x.Rank);
        var kept = Enumerable.Range(0, Math.Min(condition.Length, x.Dims[axis])).Where(i => condition[i]).ToArray();
        var strides = ShapeMath.Strides(x.Dims);
        var dims = (int[])x.Dims.Clone();
        dims[axis] = kept.Length;
        var contributions = dims.Select((d, a) => a == axis ? kept.Select(k => k * strides[a]).ToArray() : Gathering.Stepped(d, 0, 1, strides[a])).ToArray();
        c.SetOutput(0, Gathering.Take(x, Gathering.Combine(dims, contributions), dims));
    }

    private static void ReverseSequence(OpContext c)
    {
        var x = c.Input(0);
        var lengths = KernelInputs.Longs(c.Input(1));
        int batchAxis = (int)c.Int("batch_axis", 1), timeAxis = (int)c.Int("time_axis", 0);
        var strides = ShapeMath.Strides(x.Dims);
        var offsets = new int[x.ElementCount];
        var index = new int[x.Rank];
        for (int i = 0; i < offsets.Length; i++)
        {
            int rem = i, offset = 0;
            for (int a = 0; a < x.Rank; a++)
            {
                index[a] = rem / strides[a];
                rem %= strides[a];
            }
            long length = lengths[index[batchAxis]];
            for (int a = 0; a < x.Rank; a++)
                offset += (a == timeAxis && index[a] < length ? (int)(length - 1 - index[a]) : index[a]) * strides[a];
            offsets[i] = offset;
        }
        c.SetOutput(0, Gathering.Take(x, offsets, x.Dims));
    }

    private static void Trilu(OpContext c)
    {
        var x = c.Input(0);
        long k = c.OptionalInput(1) is { } kTensor ? KernelInputs.ScalarLong(kTensor) : 0;
        bool upper = c.Int("upper", 1) != 0;
        int rows = x.Dims[^2], cols = x.Dims[^1];
        var offsets = new int[x.ElementCount];
        for (int i = 0; i < offsets.Length; i++)
        {
            int row = i / cols % rows, col = i % cols;
            bool keep = upper ? col - row >= k : col - row <= k;
            offsets[i] = keep ? i : -1;
        }
        c.SetOutput(0, Gathering.Take(x, offsets, x.Dims));
    }

    private static void CenterCropPad(OpContext c)
    {
        var x = c.Input(0);
        var shape = KernelInputs.Longs(c.Input(1));
        var axes = c.Ints("axes") is { } a ? KernelInputs.Axes(a, x.Rank) : Enumerable.Range(0, x.Rank).ToArray();
        var strides = ShapeMath.Strides(x.Dims);
        var dims = (int[])x.Dims.Clone();
        var contributions = Enumerable.Range(0, x.Rank).Select(i => Gathering.Stepped(x.Dims[i], 0, 1, strides[i])).ToArray();
        for (int i = 0; i < axes.Length; i++)
        {
            int axis = axes[i], dim = x.Dims[axis], target = (int)shape[i];
            dims[axis] = target;
            int shift = target <= dim ? (dim - target) / 2 : -((target - dim) / 2);
            contributions[axis] = Enumerable.Range(0, target).Select(j => j + shift is var s && s >= 0 && s < dim ? s * strides[axis] : -1).ToArray();
        }
        c.SetOutput(0, Gathering.Take(x, Gathering.Combine(dims, contributions), dims));
    }
}
