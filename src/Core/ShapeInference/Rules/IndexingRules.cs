using OnnxKit.Ir;

namespace OnnxKit.ShapeInference.Rules;

/// <summary>Operators that pick elements by index or by value: Gather family, TopK, OneHot, and data-dependent selections.</summary>
internal static class IndexingRules
{
    public static void Register(IDictionary<string, ShapeRule> rules)
    {
        rules["Gather"] = Gather;
        rules["GatherElements"] = context => context.SetOutput(0, context.InputShape(1));
        rules["GatherND"] = GatherND;
        rules["TopK"] = TopK;
        rules["OneHot"] = OneHot;
        rules["NonZero"] = context => context.SetOutput(0, context.InputShape(0) is { } x ? new Shape(Dim.Of(x.Rank), Dim.Unknown()) : null);
        rules["Compress"] = Compress;
        rules["Unique"] = Unique;
        rules["NonMaxSuppression"] = context => context.SetOutput(0, new Shape(Dim.Unknown(), Dim.Of(3)));
    }

    /// <summary>Gather: data[:axis] + indices + data[axis+1:].</summary>
    private static void Gather(NodeContext context)
    {
        if (context.InputShape(0) is not { } data || context.InputShape(1) is not { } indices) return;
        int axis = context.Axis(context.Int("axis", 0), data.Rank);
        context.SetOutput(0, new Shape([.. data.Take(axis), .. indices, .. data.Skip(axis + 1)]));

        if (axis == 0 && context.InputData(0) is { IsScalar: false } values && context.InputData(1) is { } picks && picks.KnownValues() is { } positions)
        {
            int count = values.Elements.Count;
            var picked = positions.Select(p => p >= -count && p < count
                ? values.Elements[(int)(p < 0 ? p + count : p)]
                : throw context.Fail($"index {p} is out of range for {count} elements")).ToArray();
            context.SetOutputData(0, new ShapeData(picked, picks.IsScalar));
        }
    }

    /// <summary>GatherND: indices[:-1] + data[batch_dims + indices[-1]:].</summary>
    private static void GatherND(NodeContext context)
    {
        if (context.InputShape(0) is not { } data || context.InputShape(1) is not { } indices) return;
        if (indices.Rank < 1) throw context.Fail("GatherND indices must have at least one dim");
        long batchDims = context.Int("batch_dims", 0);
        if (indices[^1].Value is not long last)
        {
            context.SetOutput(0, null);
            return;
        }
        if (batchDims < 0 || batchDims + last > data.Rank)
            throw context.Fail($"indices {indices} with batch_dims {batchDims} index past the rank of data {data}");
        context.SetOutput(0, new Shape([.. indices.Take(indices.Rank - 1), .. data.Skip((int)(batchDims + last))]));
    }

    /// <summary>TopK: k (attribute before opset 10, input from 10) elements along axis; Values and Indices share the shape.</summary>
    private static void TopK(NodeContext context)
    {
        if (context.InputShape(0) is not { } input) return;
        int axis = context.Axis(context.Int("axis", -1), input.Rank);
        long? k = context.Opset < 10 ? context.Int("k", -1) : context.InputInts(1) is [var given] ? given : null;
        if (k < 0) throw context.Fail($"k must not be negative, got {k}");
        if (k is long count && input[axis].Value is long size && count > size) throw context.Fail($"k {count} exceeds dim {axis} of {input}");
        var shape = input.With(axis, k is long known ? Dim.Of(known) : Dim.Unknown());
        context.SetOutput(0, shape);
        context.SetOutput(1, shape);
    }

    /// <summary>OneHot: indices with a new axis of size depth.</summary>
    private static void OneHot(NodeContext context)
    {
        if (context.InputShape(0) is not { } indices) return;
        int axis = context.Axis(context.Int("axis", -1), indices.Rank + 1);
        var depth = context.InputDoubles(1) is [var d] ? Dim.Of((long)d) : Dim.Unknown();
        var dims = indices.ToList();
        dims.Insert(axis, depth);
        context.SetOutput(0, new Shape(dims));
    }

    /// <summary>Compress: how many elements survive depends on the condition's values.</summary>
    private static void Compress(NodeContext context)
    {
        if (context.InputShape(0) is not { } input) return;
        if (context.Attr("axis") is null)
        {
            context.SetOutput(0, new Shape(Dim.Unknown()));
            return;
        }
        context.SetOutput(0, input.With(context.Axis(context.Int("axis", 0), input.Rank), Dim.Unknown()));
    }

    /// <summary>Unique: Y, indices and counts have a data-dependent length; inverse_indices has one entry per input slice.</summary>
    private static void Unique(NodeContext context)
    {
        if (context.InputShape(0) is not { } input) return;
        if (context.Attr("axis") is null)
        {
            context.SetOutput(0, new Shape(Dim.Unknown()));
            context.SetOutput(2, new Shape(RuleSupport.ElementCount(input)));
        }
        else
        {
            int axis = context.Axis(context.Int("axis", 0), input.Rank);
            context.SetOutput(0, input.With(axis, Dim.Unknown()));
            context.SetOutput(2, new Shape(DimMath.Strip(input[axis])));
        }
        context.SetOutput(1, new Shape(Dim.Unknown()));
        context.SetOutput(3, new Shape(Dim.Unknown()));
    }
}
