using OnnxKit.Ir;

namespace OnnxKit.ShapeInference.Rules;

/// <summary>Cutting and joining along axes: Slice, Split, Concat, Pad, CenterCropPad.</summary>
internal static class SliceConcatRules
{
    public static void Register(IDictionary<string, ShapeRule> rules)
    {
        rules["Slice"] = Slice;
        rules["Split"] = Split;
        rules["Concat"] = Concat;
        rules["Pad"] = Pad;
        rules["CenterCropPad"] = CenterCropPad;
    }

    /// <summary>Slice: attributes before opset 10, inputs (starts, ends, axes, steps) from 10.</summary>
    private static void Slice(NodeContext context)
    {
        if (context.InputShape(0) is not { } input) return;
        IReadOnlyList<long>? starts, ends, axes, steps;
        bool axesGiven;
        if (context.Opset < 10)
        {
            (starts, ends, axes) = (context.Ints("starts"), context.Ints("ends"), context.Ints("axes"));
            axesGiven = axes is not null;
            steps = null;
        }
        else
        {
            (starts, ends) = (context.InputInts(1), context.InputInts(2));
            axesGiven = context.HasInput(3);
            axes = axesGiven ? context.InputInts(3) : null;
            steps = context.HasInput(4) ? context.InputInts(4) : null;
            if (context.HasInput(4) && steps is null) starts = null;
        }
        if (axesGiven && axes is null) starts = null;
        axes ??= starts is null ? null : Enumerable.Range(0, starts.Count).Select(i => (long)i).ToArray();

        if (starts is null || ends is null || axes is null)
        {
            // Which sizes change is not known; the rank is.
            var dims = input.Select(_ => Dim.Unknown()).ToArray();
            if (axes is not null) dims = input.Select((d, i) => axes.Any(a => a == i || a + input.Rank == i) ? Dim.Unknown() : d).ToArray();
            context.SetOutput(0, new Shape(dims));
            return;
        }
        if (ends.Count != starts.Count || axes.Count != starts.Count || steps is not null && steps.Count != starts.Count)
            throw context.Fail("starts, ends, axes and steps must have the same length");

        var output = input.ToArray();
        var seen = new HashSet<int>();
        for (int i = 0; i < starts.Count; i++)
        {
            int axis = context.Axis(axes[i], input.Rank, "slice axis");
            if (!seen.Add(axis)) throw context.Fail($"axes [{string.Join(",", axes)}] repeat an axis");
            long step = steps?[i] ?? 1;
            if (step == 0) throw context.Fail("steps must not be 0");
            output[axis] = input[axis].Value is long size
                ? Dim.Of(Range(starts[i], ends[i], step, size).Count)
                : starts[i] == 0 && step == 1 && ends[i] >= int.MaxValue ? input[axis] : Dim.Unknown();
        }
        context.SetOutput(0, new Shape(output));

        if (context.InputData(0) is { IsScalar: false } data && starts.Count == 1 && context.Axis(axes[0], 1) == 0)
        {
            var (first, count) = Range(starts[0], ends[0], steps?[0] ?? 1, data.Elements.Count);
            long step = steps?[0] ?? 1;
            context.SetOutputData(0, new ShapeData(Enumerable.Range(0, (int)count).Select(k => data.Elements[(int)(first + k * step)]).ToArray(), false));
        }
    }

    /// <summary>The first index and the count of elements Slice takes from an axis of <paramref name="size"/>.</summary>
    private static (long First, long Count) Range(long start, long end, long step, long size)
    {
        if (size <= 0) return (0, 0);
        if (start < 0) start += size;
        if (end < 0) end += size;
        if (step > 0)
        {
            start = Math.Clamp(start, 0, size);
            end = Math.Clamp(end, 0, size);
            return (start, end > start ? (end - start - 1) / step + 1 : 0);
        }
        start = Math.Clamp(start, 0, size - 1);
        end = Math.Clamp(end, -1, size - 1);
        long stride = step == long.MinValue ? long.MaxValue : -step;
        return (start, start > end ? (start - end - 1) / stride + 1 : 0);
    }

    /// <summary>Split: sizes from the 'split' attribute (before 13) or input (from 13), else equal parts (the last smaller from 18).</summary>
    private static void Split(NodeContext context)
    {
        if (context.InputShape(0) is not { } input) return;
        int axis = context.Axis(context.Int("axis", 0), input.Rank);
        int parts = context.OutputCount;
        if (parts == 0) throw context.Fail("Split has no outputs");
        IReadOnlyList<long>? sizes;
        bool sizesGiven;
        if (context.Opset < 13)
        {
            sizes = context.Ints("split") ?? (context.HasInput(1) ? context.InputInts(1) : null);
            sizesGiven = sizes is not null || context.HasInput(1);
        }
        else
        {
            sizesGiven = context.HasInput(1);
            sizes = sizesGiven ? context.InputInts(1) : null;
        }
        if (!sizesGiven && context.Opset >= 18 && context.Attr("num_outputs") is { } numOutputs && numOutputs.AsInt() != parts)
            throw context.Fail($"num_outputs is {numOutputs.AsInt()} but the node has {parts} outputs");

        var dims = new Dim[parts];
        if (sizes is not null)
        {
            if (sizes.Count != parts) throw context.Fail($"split has {sizes.Count} sizes for {parts} outputs");
            if (sizes.Any(s => s < 0)) throw context.Fail($"split sizes must not be negative, got [{string.Join(",", sizes)}]");
            if (input[axis].Value is long total && sizes.Sum() != total)
                throw context.Fail($"split sizes [{string.Join(",", sizes)}] do not add up to {total}");
            for (int i = 0; i < parts; i++) dims[i] = Dim.Of(sizes[i]);
        }
        else if (!sizesGiven && input[axis].Value is long size)
        {
            if (size % parts != 0 && context.Opset < 18) throw context.Fail($"dim {axis} of {input} does not split into {parts} equal parts");
            long chunk = (size + parts - 1) / parts;
            for (int i = 0; i < parts; i++) dims[i] = Dim.Of(Math.Clamp(size - i * chunk, 0, chunk));
        }
        else
        {
            Array.Fill(dims, Dim.Unknown());
        }
        for (int i = 0; i < parts; i++) context.SetOutput(i, input.With(axis, dims[i]));
    }

    private static void Concat(NodeContext context)
    {
        var shapes = Enumerable.Range(0, context.InputCount).Select(context.InputShape).ToList();
        var known = shapes.OfType<Shape>().ToList();
        if (known.Count == 0) return;
        int rank = known[0].Rank;
        if (known.Any(s => s.Rank != rank)) throw context.Fail($"inputs have different ranks: {string.Join(", ", known)}");
        if (context.Attr("axis") is null && context.Opset >= 4) throw context.Fail("Concat needs attribute 'axis'");
        int axis = context.Axis(context.Int("axis", 1), rank);
        if (known.Count < shapes.Count)
        {
            context.SetOutput(0, new Shape(Enumerable.Range(0, rank).Select(i => i == axis ? Dim.Unknown() : known.Select(s => s[i]).Aggregate((a, b) => DimMath.Merge(a, b) ?? a))));
            return;
        }
        var dims = new Dim[rank];
        for (int i = 0; i < rank; i++)
        {
            dims[i] = i == axis
                ? DimMath.Sum(known.Select(s => s[i]))
                : known.Select(s => s[i]).Aggregate((a, b) => DimMath.Merge(a, b) ?? throw context.Fail($"inputs {string.Join(", ", known)} differ in dim {i}"));
        }
        context.SetOutput(0, new Shape(dims));

        var data = Enumerable.Range(0, context.InputCount).Select(context.InputData).ToList();
        if (rank == 1 && data.All(d => d is not null)) context.SetOutputData(0, new ShapeData(data.SelectMany(d => d!.Elements).ToArray(), false));
    }

    /// <summary>Pad: pads from attribute 'paddings' (opset 1), 'pads' (2-10) or input (11 on, with optional axes from 18).</summary>
    private static void Pad(NodeContext context)
    {
        if (context.InputShape(0) is not { } input) return;
        IReadOnlyList<long>? pads = context.Opset switch
        {
            < 2 => context.Ints("paddings"),
            < 11 => context.Ints("pads"),
            _ => context.InputInts(1),
        };
        IReadOnlyList<long>? axes = context.Opset >= 18 && context.HasInput(3)
            ? context.InputInts(3)
            : Enumerable.Range(0, input.Rank).Select(i => (long)i).ToArray();
        if (pads is null || axes is null)
        {
            context.SetOutput(0, RuleSupport.UnknownOfRank(input.Rank));
            return;
        }
        if (pads.Count != 2 * axes.Count) throw context.Fail($"pads has {pads.Count} values for {axes.Count} axes");
        var dims = input.ToArray();
        for (int i = 0; i < axes.Count; i++)
        {
            int axis = context.Axis(axes[i], input.Rank, "pad axis");
            var padded = DimMath.Add(input[axis], Dim.Of(checked(pads[i] + pads[i + axes.Count])));
            if (padded.Value < 0) throw context.Fail($"pads [{string.Join(",", pads)}] remove more than dim {axis} of {input} holds");
            dims[axis] = padded;
        }
        context.SetOutput(0, new Shape(dims));
    }

    /// <summary>CenterCropPad: the given sizes on the given axes (all axes by default).</summary>
    private static void CenterCropPad(NodeContext context)
    {
        if (context.InputShape(0) is not { } input) return;
        var axes = context.Ints("axes") ?? Enumerable.Range(0, input.Rank).Select(i => (long)i).ToArray();
        var sizes = context.InputData(1);
        if (sizes is null)
        {
            context.SetOutput(0, new Shape(input.Select((d, i) => axes.Any(a => a == i || a + input.Rank == i) ? Dim.Unknown() : d)));
            return;
        }
        if (sizes.Elements.Count != axes.Count) throw context.Fail($"shape has {sizes.Elements.Count} values for {axes.Count} axes");
        var dims = input.ToArray();
        for (int i = 0; i < axes.Count; i++) dims[context.Axis(axes[i], input.Rank)] = sizes.Elements[i];
        context.SetOutput(0, new Shape(dims));
    }
}
