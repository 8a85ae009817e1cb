using OnnxKit.Ir;

namespace OnnxKit.ShapeInference.Rules;

/// <summary>Operators that rearrange a tensor's dims without computing on its values.</summary>
internal static class ReshapeRules
{
    public static void Register(IDictionary<string, ShapeRule> rules)
    {
        rules["Reshape"] = Reshape;
        rules["Flatten"] = Flatten;
        rules["Squeeze"] = Squeeze;
        rules["Unsqueeze"] = Unsqueeze;
        rules["Transpose"] = Transpose;
        rules["Expand"] = Expand;
        rules["Tile"] = Tile;
        rules["DepthToSpace"] = DepthToSpace;
        rules["SpaceToDepth"] = SpaceToDepth;
    }

    /// <summary>Reshape: 0 copies the input's dim (unless allowzero), -1 takes what is left.</summary>
    private static void Reshape(NodeContext context)
    {
        var input = context.InputShape(0);
        var target = context.Opset < 5
            ? context.Ints("shape") is { } attribute ? ShapeData.Of(attribute) : null
            : context.InputData(1);
        if (target is null)
        {
            context.SetOutput(0, context.Opset < 5 ? null : RuleSupport.ShapeFromInput(context, 1) is { } s ? RuleSupport.UnknownOfRank(s.Rank) : null);
            return;
        }
        bool allowZero = context.Opset >= 14 && context.Int("allowzero", 0) != 0;
        var dims = new Dim[target.Elements.Count];
        int inferred = -1;
        for (int i = 0; i < dims.Length; i++)
        {
            var element = target.Elements[i];
            if (element.Value == -1)
            {
                if (inferred >= 0) throw context.Fail($"shape [{string.Join(",", target.Elements)}] has more than one -1");
                inferred = i;
            }
            else if (element.Value == 0 && !allowZero)
            {
                if (input is not null && i >= input.Rank) throw context.Fail($"shape has 0 at position {i} but the input {input} has no such dim");
                dims[i] = input is null ? Dim.Unknown() : DimMath.Strip(input[i]);
            }
            else if (element.Value < -1)
            {
                throw context.Fail($"shape [{string.Join(",", target.Elements)}] has a negative size");
            }
            else
            {
                dims[i] = element;
            }
        }
        if (inferred >= 0)
        {
            if (allowZero && dims.Any(d => d.Value == 0)) throw context.Fail("with allowzero, a shape may not have both 0 and -1");
            dims[inferred] = input is null ? Dim.Unknown() : Remaining(context, input, dims.Where((_, i) => i != inferred).ToList());
        }
        else if (input?.ElementCount() is long count && new Shape(dims).ElementCount() is long targetCount && count != targetCount)
        {
            throw context.Fail($"cannot reshape {input} ({count} elements) to {new Shape(dims)} ({targetCount} elements)");
        }
        var output = new Shape(dims);
        context.SetOutput(0, output);
        if (context.InputData(0) is { } data && output.Rank <= 1 && output.ElementCount() == data.Elements.Count)
            context.SetOutputData(0, new ShapeData(data.Elements, output.Rank == 0));
    }

    /// <summary>
    /// The size a -1 stands for: the input's element count over the other target dims. Equal symbols
    /// on both sides cancel, so [N,3,4] to [N,-1] gives 12 and [N,12] to [-1,12] gives N.
    /// </summary>
    private static Dim Remaining(NodeContext context, Shape input, IReadOnlyList<Dim> others)
    {
        var numerator = input.ToList();
        var denominator = new List<Dim>();
        foreach (var dim in others)
        {
            int match = dim.Symbol is null ? -1 : numerator.FindIndex(d => d.Symbol == dim.Symbol);
            if (match >= 0) numerator.RemoveAt(match);
            else denominator.Add(dim);
        }
        long knownNumerator = 1, knownDenominator = 1;
        foreach (var d in numerator.Where(d => d.IsKnown)) knownNumerator = checked(knownNumerator * d.Value!.Value);
        foreach (var d in denominator.Where(d => d.IsKnown)) knownDenominator = checked(knownDenominator * d.Value!.Value);
        var unknownNumerator = numerator.Where(d => !d.IsKnown).ToList();
        if (denominator.Any(d => !d.IsKnown) || knownDenominator == 0) return Dim.Unknown();
        if (unknownNumerator.Count == 0)
        {
            if (knownNumerator % knownDenominator != 0)
                throw context.Fail($"cannot reshape {input} into [{string.Join(",", others)}] plus a -1 dim");
            return Dim.Of(knownNumerator / knownDenominator);
        }
        return unknownNumerator.Count == 1 && unknownNumerator[0].Symbol is { } symbol && knownNumerator == knownDenominator
            ? Dim.Named(symbol)
            : Dim.Unknown();
    }

    /// <summary>Flatten: [product of dims before axis, product of the rest].</summary>
    private static void Flatten(NodeContext context)
    {
        if (context.InputShape(0) is not { } input) return;
        long axis = context.Int("axis", 1);
        if (axis < 0) axis += input.Rank;
        if (axis < 0 || axis > input.Rank) throw context.Fail($"axis {context.Int("axis", 1)} is out of range for rank {input.Rank}");
        context.SetOutput(0, new Shape(DimMath.Product(input.Take((int)axis)), DimMath.Product(input.Skip((int)axis))));
    }

    /// <summary>The axes of Squeeze or Unsqueeze: an attribute before opset 13, an input from 13. Null when not known.</summary>
    private static IReadOnlyList<long>? Axes(NodeContext context, out bool given)
    {
        if (context.Opset < 13)
        {
            var attribute = context.Ints("axes");
            given = attribute is not null;
            return attribute;
        }
        given = context.HasInput(1);
        return given ? context.InputInts(1) : null;
    }

    private static void Squeeze(NodeContext context)
    {
        if (context.InputShape(0) is not { } input) return;
        var axes = Axes(context, out bool given);
        if (given && axes is null)
        {
            context.SetOutput(0, null);
            return;
        }
        var removed = new HashSet<int>();
        if (axes is null)
        {
            // Without axes every size-1 dim goes; a dim of unknown size might be 1, so the rank is unknown.
            if (!input.IsStatic)
            {
                context.SetOutput(0, null);
                return;
            }
            for (int i = 0; i < input.Rank; i++) if (input[i].Value == 1) removed.Add(i);
        }
        else
        {
            foreach (var axis in axes)
            {
                int index = context.Axis(axis, input.Rank, "squeeze axis");
                if (input[index].Value is long size && size != 1) throw context.Fail($"cannot squeeze dim {index} of {input}: its size is {size}");
                removed.Add(index);
            }
        }
        var output = new Shape(input.Where((_, i) => !removed.Contains(i)));
        context.SetOutput(0, output);
        if (context.InputData(0) is { Elements.Count: 1 } data && output.Rank == 0) context.SetOutputData(0, new ShapeData(data.Elements, true));
    }

    private static void Unsqueeze(NodeContext context)
    {
        var input = context.InputShape(0);
        var axes = Axes(context, out _);
        if (input is null || axes is null)
        {
            context.SetOutput(0, input is not null && context.Opset >= 13 && context.InputShape(1) is { Rank: 1 } a && a[0].Value is long n
                ? RuleSupport.UnknownOfRank(checked(input.Rank + (int)Math.Min(n, ShapeData.MaxElements)))
                : null);
            return;
        }
        int rank = input.Rank + axes.Count;
        var inserted = new HashSet<int>();
        foreach (var axis in axes)
        {
            if (!inserted.Add(context.Axis(axis, rank, "unsqueeze axis"))) throw context.Fail($"axes [{string.Join(",", axes)}] repeat an axis");
        }
        var dims = new List<Dim>(rank);
        int next = 0;
        for (int i = 0; i < rank; i++) dims.Add(inserted.Contains(i) ? Dim.Of(1) : input[next++]);
        context.SetOutput(0, new Shape(dims));
        if (context.InputData(0) is { IsScalar: true } data && rank == 1) context.SetOutputData(0, new ShapeData(data.Elements, false));
    }

    private static void Transpose(NodeContext context)
    {
        if (context.InputShape(0) is not { } input) return;
        var perm = context.Ints("perm") ?? Enumerable.Range(0, input.Rank).Reverse().Select(i => (long)i).ToArray();
        if (perm.Count != input.Rank || perm.Distinct().Count() != perm.Count || perm.Any(p => p < 0 || p >= input.Rank))
            throw context.Fail($"perm [{string.Join(",", perm)}] is not a permutation of the {input.Rank} axes of {input}");
        context.SetOutput(0, new Shape(perm.Select(p => input[(int)p])));
    }

    /// <summary>Expand: the input broadcast with the given shape (either side may stretch).</summary>
    private static void Expand(NodeContext context)
    {
        var target = RuleSupport.ShapeFromInput(context, 1);
        context.SetOutput(0, target is null ? null : Broadcasting.Shapes(context, [context.InputShape(0), target]));
    }

    private static void Tile(NodeContext context)
    {
        if (context.InputShape(0) is not { } input) return;
        if (context.Opset < 6)
        {
            context.SetOutput(0, RuleSupport.UnknownOfRank(input.Rank));
            return;
        }
        var repeats = context.InputInts(1);
        if (repeats is null)
        {
            context.SetOutput(0, RuleSupport.UnknownOfRank(input.Rank));
            return;
        }
        if (repeats.Length != input.Rank) throw context.Fail($"repeats has {repeats.Length} values for input {input}");
        if (repeats.Any(r => r < 0)) throw context.Fail($"repeats must not be negative, got [{string.Join(",", repeats)}]");
        context.SetOutput(0, new Shape(input.Select((d, i) => DimMath.Multiply(d, Dim.Of(repeats[i])))));
    }

    private static void DepthToSpace(NodeContext context)
    {
        if (context.InputShape(0) is not { } input) return;
        if (input.Rank != 4) throw context.Fail($"DepthToSpace needs a 4-D input, got {input}");
        long block = Block(context);
        var channels = Divide(context, input[1], checked(block * block), "channels");
        context.SetOutput(0, new Shape(DimMath.Strip(input[0]), channels, DimMath.Multiply(input[2], Dim.Of(block)), DimMath.Multiply(input[3], Dim.Of(block))));
    }

    private static void SpaceToDepth(NodeContext context)
    {
        if (context.InputShape(0) is not { } input) return;
        if (input.Rank != 4) throw context.Fail($"SpaceToDepth needs a 4-D input, got {input}");
        long block = Block(context);
        context.SetOutput(0, new Shape(DimMath.Strip(input[0]), DimMath.Multiply(input[1], Dim.Of(checked(block * block))),
            Divide(context, input[2], block, "height"), Divide(context, input[3], block, "width")));
    }

    private static long Block(NodeContext context)
    {
        long block = context.Int("blocksize", 0);
        return block > 0 ? block : throw context.Fail($"blocksize must be positive, got {block}");
    }

    private static Dim Divide(NodeContext context, Dim dim, long divisor, string what)
    {
        if (dim.Value is long size && size % divisor != 0) throw context.Fail($"{what} {size} is not divisible by {divisor}");
        return DimMath.Divide(dim, Dim.Of(divisor));
    }
}
