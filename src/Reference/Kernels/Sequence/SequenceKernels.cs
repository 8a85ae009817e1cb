using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Tensor;

namespace OnnxKit.Reference.Kernels.Sequence;

/// <summary>Sequence operators (SequenceEmpty ... SequenceMap, SplitToSequence, ConcatFromSequence) and the optional operators.</summary>
internal static class SequenceKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add("SequenceEmpty", 11, 11, c => c.SetOutput(0, new SequenceValue([], new TensorType((DataType)c.Int("dtype", (long)DataType.Float)))));
        r.Add("SequenceConstruct", 11, 11, c => c.SetOutput(0, new SequenceValue(Enumerable.Range(0, c.InputCount).Select(c.Input))));
        r.Add("SequenceInsert", 11, 11, SequenceInsert);
        r.Add("SequenceAt", 11, 11, c => c.SetOutput(0, Items(c)[Position(c, 1, Items(c).Count, allowEnd: false)]));
        r.Add("SequenceErase", 11, 11, SequenceErase);
        r.Add("SequenceLength", 11, 11, c => c.SetOutput(0, TensorValue.Scalar(DataType.Int64, (long)Items(c).Count)));
        r.Add("SplitToSequence", 11, 24, SplitToSequence);
        r.Add("ConcatFromSequence", 11, 11, ConcatFromSequence);
        r.Add("SequenceMap", 17, 17, SequenceMap);
        r.Add("Optional", 15, 15, c => c.SetOutput(0, new OptionalValue(c.Value(0), (c.Attribute("type")?.Value as OnnxType))));
        r.Add("OptionalHasElement", 15, 18, c => c.SetOutput(0, TensorValue.Scalar(DataType.Bool, c.Value(0) switch
        {
            null => false,
            OptionalValue o => o.HasValue,
            _ => true,
        })));
        r.Add("OptionalGetElement", 15, 18, c => c.SetOutput(0, c.Value(0) switch
        {
            OptionalValue { Content: { } content } => content,
            OptionalValue => throw new OnnxKitException("OptionalGetElement on an empty optional."),
            { } other => other,
            null => throw new OnnxKitException("OptionalGetElement has no input."),
        }));
    }

    private static SequenceValue Sequence(OpContext c, int index = 0) => c.Value(index) as SequenceValue
        ?? throw new OnnxKitException($"input {index} must be a sequence.");

    private static IReadOnlyList<RuntimeValue> Items(OpContext c) => Sequence(c).Items;

    /// <summary>A position input (negative counts from the end), checked against a sequence of <paramref name="count"/>.</summary>
    private static int Position(OpContext c, int input, int count, bool allowEnd)
    {
        long p = KernelInputs.ScalarLong(c.Input(input));
        long resolved = p < 0 ? p + count : p;
        if (resolved < 0 || resolved > count || (!allowEnd && resolved == count))
            throw new OnnxKitException($"position {p} is out of range for a sequence of {count}.");
        return (int)resolved;
    }

    private static void SequenceInsert(OpContext c)
    {
        var sequence = Sequence(c);
        var items = sequence.Items.ToList();
        int at = c.HasInput(2) ? Position(c, 2, items.Count, allowEnd: true) : items.Count;
        items.Insert(at, c.Input(1));
        c.SetOutput(0, new SequenceValue(items, sequence.ElementType));
    }

    private static void SequenceErase(OpContext c)
    {
        var sequence = Sequence(c);
        var items = sequence.Items.ToList();
        items.RemoveAt(c.HasInput(1) ? Position(c, 1, items.Count, allowEnd: false) : items.Count - 1);
        c.SetOutput(0, new SequenceValue(items, sequence.ElementType));
    }

    private static void SplitToSequence(OpContext c)
    {
        var x = c.Input(0);
        int axis = ShapeMath.NormalizeAxis(c.Int("axis", 0), x.Rank);
        int dim = x.Dims[axis];
        var items = new List<RuntimeValue>();
        if (c.OptionalInput(1) is not { } split)
        {
            bool keepDims = c.Int("keepdims", 1) != 0;
            for (int i = 0; i < dim; i++)
                items.Add(keepDims ? LayoutKernels.Slice(x, [i], [i + 1], [axis], null) : Stacking.At(x, axis, i));
        }
        else
        {
            var lengths = KernelInputs.Longs(split);
            if (split.Rank == 0)
            {
                long chunk = lengths[0];
                if (chunk <= 0) throw new OnnxKitException($"split size {chunk} is not positive.");
                lengths = Enumerable.Range(0, (int)((dim + chunk - 1) / chunk)).Select(i => Math.Min(chunk, dim - i * chunk)).ToArray();
            }
            if (lengths.Sum() != dim) throw new OnnxKitException($"split sizes [{string.Join(",", lengths)}] do not add up to {dim}.");
            long start = 0;
            foreach (long length in lengths)
            {
                items.Add(LayoutKernels.Slice(x, [start], [start + length], [axis], null));
                start += length;
            }
        }
        c.SetOutput(0, new SequenceValue(items, new TensorType(x.ElementType)));
    }

    private static void ConcatFromSequence(OpContext c)
    {
        var items = Items(c).Cast<TensorValue>().ToList();
        if (items.Count == 0) throw new OnnxKitException("ConcatFromSequence of an empty sequence.");
        bool newAxis = c.Int("new_axis", 0) != 0;
        long axisValue = c.Required("axis").AsInt();
        if (newAxis)
        {
            c.SetOutput(0, Stacking.Stack(items, ShapeMath.NormalizeAxis(axisValue, items[0].Rank + 1)));
            return;
        }
        int axis = ShapeMath.NormalizeAxis(axisValue, items[0].Rank);
        var dims = (int[])items[0].Dims.Clone();
        dims[axis] = items.Sum(t => t.Dims[axis]);
        c.SetOutput(0, Gathering.Concat(items, axis, dims));
    }

    private static void SequenceMap(OpContext c)
    {
        var body = c.Graph("body");
        int count = Items(c).Count;
        var results = Enumerable.Range(0, c.OutputCount).Select(_ => new List<RuntimeValue>()).ToArray();
        for (int i = 0; i < count; i++)
        {
            var inputs = Enumerable.Range(0, c.InputCount).Select(k => c.Value(k) is SequenceValue s ? s.Items[i] : c.Value(k)).ToArray();
            var outputs = c.RunSubgraph(body, inputs);
            for (int k = 0; k < outputs.Length; k++) results[k].Add(outputs[k]);
        }
        for (int k = 0; k < results.Length; k++)
            c.SetOutput(k, new SequenceValue(results[k], (body.Outputs[k].Type as TensorType) ?? (OnnxType?)null));
    }
}
