using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Tensor;

/// <summary>Operators about shapes, and those that make tensors from nothing: Shape, Size, Reshape, Flatten, Squeeze, Unsqueeze, Expand, Identity, Constant, ConstantOfShape, Range, EyeLike.</summary>
internal static class ShapeKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add("Shape", 1, 25, Shape);
        r.Add("Size", 1, 25, c => c.SetOutput(0, TensorValue.Scalar(DataType.Int64, (long)c.Input(0).ElementCount)));
        r.Add("Reshape", 1, 1, c => c.SetOutput(0, c.Input(0).Reshaped(ResolveShape(c.Input(0).Dims, c.Ints("shape") ?? [], allowZero: false))));
        r.Add("Reshape", 5, 25, Reshape);
        r.Add("Flatten", 1, 25, Flatten);
        r.Add("Squeeze", 1, 11, c => c.SetOutput(0, Squeeze(c.Input(0), c.Ints("axes"))));
        r.Add("Squeeze", 13, 25, c => c.SetOutput(0, Squeeze(c.Input(0), c.OptionalInput(1) is { } a ? KernelInputs.Longs(a) : null)));
        r.Add("Unsqueeze", 1, 11, c => c.SetOutput(0, Unsqueeze(c.Input(0), c.Ints("axes") ?? throw new OnnxKitException("attribute 'axes' is missing."))));
        r.Add("Unsqueeze", 13, 25, c => c.SetOutput(0, Unsqueeze(c.Input(0), KernelInputs.Longs(c.Input(1)))));
        r.Add("Expand", 8, 13, c => c.SetOutput(0, Expand(c.Input(0), KernelInputs.Longs(c.Input(1)))));
        r.Add("Identity", 1, 25, c => c.SetOutput(0, c.Value(0) ?? throw new OnnxKitException("input 0 is missing.")));
        r.Add("Constant", 1, 25, Constant);
        r.Add("ConstantOfShape", 9, 25, ConstantOfShape);
        r.Add("Range", 11, 27, Range, computesInFloat32: true);
        r.Add("EyeLike", 9, 22, EyeLike);
    }

    private static void Shape(OpContext c)
    {
        var dims = c.Input(0).Dims;
        int rank = dims.Length;
        int Clamp(long v) => (int)Math.Clamp(v < 0 ? v + rank : v, 0, rank);
        int start = Clamp(c.Int("start", 0));
        int end = c.IntOrNull("end") is long e ? Clamp(e) : rank;
        var values = dims.Skip(start).Take(Math.Max(0, end - start)).Select(d => (long)d).ToArray();
        c.SetOutput(0, TensorValue.Int64Vector(values));
    }

    private static void Reshape(OpContext c)
    {
        var x = c.Input(0);
        var requested = KernelInputs.Longs(c.Input(1));
        bool allowZero = c.Int("allowzero", 0) != 0;
        c.SetOutput(0, x.Reshaped(ResolveShape(x.Dims, requested, allowZero)));
    }

    /// <summary>Reshape's target shape: 0 copies the input dim (unless <paramref name="allowZero"/>), one -1 is inferred.</summary>
    private static int[] ResolveShape(int[] input, long[] requested, bool allowZero)
    {
        var dims = new long[requested.Length];
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < requested.Length; i++)
        {
            long d = requested[i];
            if (d == 0 && !allowZero)
            {
                if (i >= input.Length) throw new OnnxKitException($"shape {TensorDims.Format(requested)} copies dim {i}, which the input {ShapeMath.Format(input)} lacks.");
                d = input[i];
            }
            if (d == -1)
            {
                if (inferred >= 0) throw new OnnxKitException($"shape {TensorDims.Format(requested)} has more than one -1.");
                inferred = i;
                continue;
            }
            if (d < 0) throw new OnnxKitException($"shape {TensorDims.Format(requested)} has the invalid dim {d}.");
            dims[i] = d;
            known *= d;
        }
        long total = ShapeMath.ElementCount(input);
        if (inferred >= 0)
        {
            if (known == 0 || total % known != 0)
                throw new OnnxKitException($"cannot reshape {ShapeMath.Format(input)} to {TensorDims.Format(requested)}.");
            dims[inferred] = total / known;
        }
        else if (known != total)
        {
            throw new OnnxKitException($"cannot reshape {ShapeMath.Format(input)} ({total} elements) to {TensorDims.Format(requested)}.");
        }
        return ShapeMath.ToInt(dims);
    }

    private static void Flatten(OpContext c)
    {
        var x = c.Input(0);
        long axis = c.Int("axis", 1);
        int a = (int)(axis < 0 ? axis + x.Rank : axis);
        if (a < 0 || a > x.Rank) throw new OnnxKitException($"axis {axis} is out of range for rank {x.Rank}.");
        c.SetOutput(0, x.Reshaped([ShapeMath.Product(x.Dims, 0, a), ShapeMath.Product(x.Dims, a, x.Rank)]));
    }

    private static TensorValue Squeeze(TensorValue x, IReadOnlyList<long>? axes)
    {
        if (axes is null) return x.Reshaped(x.Dims.Where(d => d != 1).ToArray());
        var drop = KernelInputs.Axes(axes, x.Rank);
        foreach (int a in drop)
        {
            if (x.Dims[a] != 1) throw new OnnxKitException($"cannot squeeze axis {a} of size {x.Dims[a]}.");
        }
        return x.Reshaped(x.Dims.Where((_, i) => !drop.Contains(i)).ToArray());
    }

    /// <summary>Inserts size-1 dims at <paramref name="axes"/> (positions in the output).</summary>
    private static TensorValue Unsqueeze(TensorValue x, IReadOnlyList<long> axes)
    {
        int rank = x.Rank + axes.Count;
        var insert = KernelInputs.Axes(axes, rank);
        var dims = new int[rank];
        int source = 0;
        for (int i = 0; i < rank; i++) dims[i] = insert.Contains(i) ? 1 : x.Dims[source++];
        return x.Reshaped(dims);
    }

    /// <summary>Broadcasts <paramref name="x"/> with a tensor of <paramref name="shape"/>.</summary>
    private static TensorValue Expand(TensorValue x, long[] shape)
    {
        var dims = ShapeMath.Broadcast(x.Dims, KernelInputs.Dims(shape.Select(s => Math.Max(s, 0)).ToArray()));
        return x.Dims.AsSpan().SequenceEqual(dims) ? x : Gathering.Take(x, Elementwise.Broadcast.Offsets(x.Dims, dims), dims);
    }

    private static void Constant(OpContext c)
    {
        TensorValue? value = c.Tensor("value");
        if (value is null && c.FloatOrNull("value_float") is float f) value = TensorValue.Scalar(DataType.Float, f);
        if (value is null && c.Floats("value_floats") is { } fs) value = new TensorValue(DataType.Float, [fs.Length], fs);
        if (value is null && c.IntOrNull("value_int") is long i) value = TensorValue.Scalar(DataType.Int64, i);
        if (value is null && c.Ints("value_ints") is { } iv) value = TensorValue.Int64Vector(iv);
        if (value is null && c.Attribute("value_string") is { } s) value = TensorValue.Scalar(DataType.String, s.AsString());
        if (value is null && c.Strings("value_strings") is { } ss) value = new TensorValue(DataType.String, [ss.Length], ss);
        if (value is null && c.Attribute("sparse_value") is not null)
            throw new UnsupportedFeatureException("sparse constants", "Constant with a sparse_value is not supported by the reference evaluator.");
        c.SetOutput(0, value ?? throw new OnnxKitException("Constant has no value attribute."));
    }

    private static void ConstantOfShape(OpContext c)
    {
        var dims = KernelInputs.Dims(KernelInputs.Longs(c.Input(0)));
        var fill = c.Tensor("value") ?? TensorValue.Scalar(DataType.Float, 0f);
        if (fill.ElementCount != 1) throw new OnnxKitException($"ConstantOfShape's value must hold one element, got {fill.Describe()}.");
        c.SetOutput(0, Gathering.Take(fill, new int[ShapeMath.ElementCount(dims)], dims));
    }

    private static void Range(OpContext c)
    {
        var startTensor = c.Input(0);
        double start = KernelInputs.Scalar(startTensor), limit = KernelInputs.Scalar(c.Input(1)), delta = KernelInputs.Scalar(c.Input(2));
        if (delta == 0) throw new OnnxKitException("Range's delta is zero.");
        double span = Math.Ceiling((limit - start) / delta);
        if (span > Array.MaxLength) throw new OnnxKitException($"Range from {start} to {limit} by {delta} has too many elements.");
        int n = (int)Math.Max(span, 0);
        if (startTensor.ElementType.IsInteger())
        {
            long s = KernelInputs.ScalarLong(startTensor), d = KernelInputs.ScalarLong(c.Input(2));
            var values = new long[n];
            for (int i = 0; i < n; i++) values[i] = s + i * d;
            c.SetOutput(0, new TensorValue(startTensor.ElementType, [n], ElementConverter.FromInt64s(values, startTensor.ElementType)));
            return;
        }
        var doubles = new double[n];
        for (int i = 0; i < n; i++) doubles[i] = start + i * delta;
        c.SetOutput(0, new TensorValue(startTensor.ElementType, [n], ElementConverter.FromDoubles(doubles, startTensor.ElementType)));
    }

    private static void EyeLike(OpContext c)
    {
        var x = c.Input(0);
        if (x.Rank != 2) throw new OnnxKitException($"EyeLike needs a 2-D input, got {x.Describe()}.");
        var type = c.IntOrNull("dtype") is long t ? (DataType)t : x.ElementType;
        long k = c.Int("k", 0);
        int rows = x.Dims[0], cols = x.Dims[1];
        var values = new double[rows * cols];
        for (int i = 0; i < rows; i++)
        {
            long j = i + k;
            if (j >= 0 && j < cols) values[i * cols + j] = 1;
        }
        c.SetOutput(0, new TensorValue(type, x.Dims, ElementConverter.FromDoubles(values, type)));
    }
}
