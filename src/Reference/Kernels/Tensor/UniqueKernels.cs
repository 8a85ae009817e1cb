using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Tensor;

/// <summary>Unique: the distinct elements (or slices along an axis), sorted or in order of first appearance, with indices, inverse indices and counts.</summary>
internal static class UniqueKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r) => r.Add("Unique", 11, 11, Unique);

    private static void Unique(OpContext c)
    {
        var x = c.Input(0);
        bool sorted = c.Int("sorted", 1) != 0;
        long? axisValue = c.IntOrNull("axis");
        var source = axisValue is null ? x.Reshaped([x.ElementCount]) : x;
        int axis = axisValue is null ? 0 : ShapeMath.NormalizeAxis(axisValue.Value, x.Rank);
        int count = source.Dims[axis];
        var slices = Enumerable.Range(0, count).Select(i => Key(Stacking.At(source, axis, i))).ToArray();
        var firstIndex = new List<int>();
        var groupOf = new int[count];
        var byKey = new Dictionary<string, int>();
        for (int i = 0; i < count; i++)
        {
            string key = string.Join(",", slices[i].Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
            if (!byKey.TryGetValue(key, out int group))
            {
                group = firstIndex.Count;
                byKey[key] = group;
                firstIndex.Add(i);
            }
            groupOf[i] = group;
        }
        var order = Enumerable.Range(0, firstIndex.Count).ToArray();
        if (sorted) Array.Sort(order, (a, b) => Compare(slices[firstIndex[a]], slices[firstIndex[b]]));
        var rank = new int[order.Length];
        for (int i = 0; i < order.Length; i++) rank[order[i]] = i;
        var picks = order.Select(g => firstIndex[g]).ToArray();
        var strides = ShapeMath.Strides(source.Dims);
        var dims = (int[])source.Dims.Clone();
        dims[axis] = picks.Length;
        var contributions = dims.Select((d, a) => a == axis ? picks.Select(p => p * strides[a]).ToArray() : Gathering.Stepped(d, 0, 1, strides[a])).ToArray();
        c.SetOutput(0, Gathering.Take(source, Gathering.Combine(dims, contributions), dims));
        c.SetOutput(1, TensorValue.Int64Vector(picks.Select(p => (long)p).ToArray()));
        c.SetOutput(2, TensorValue.Int64Vector(groupOf.Select(g => (long)rank[g]).ToArray()));
        c.SetOutput(3, TensorValue.Int64Vector(order.Select(g => (long)groupOf.Count(v => v == g)).ToArray()));
    }

    private static double[] Key(TensorValue slice) => ElementConverter.ToDoubles(slice);

    private static int Compare(double[] a, double[] b)
    {
        for (int i = 0; i < a.Length; i++)
        {
            int c = a[i].CompareTo(b[i]);
            if (c != 0) return c;
        }
        return 0;
    }
}
