using OnnxKit.Ir;

namespace OnnxKit.ShapeInference.Rules;

/// <summary>
/// Operators that make a tensor from attributes or from another tensor's shape: Constant,
/// ConstantOfShape, Shape, Size, Range, random generators and window functions. These are also
/// where the partial evaluation of shape computations starts.
/// </summary>
internal static class TensorSourceRules
{
    public static void Register(IDictionary<string, ShapeRule> rules)
    {
        rules["Constant"] = Constant;
        rules["ConstantOfShape"] = ConstantOfShape;
        rules["Shape"] = ShapeOf;
        rules["Size"] = Size;
        rules["Range"] = Range;
        rules["RandomNormal"] = RandomFromAttributes;
        rules["RandomUniform"] = RandomFromAttributes;
        rules["Multinomial"] = Multinomial;
        rules["HannWindow"] = Window;
        rules["HammingWindow"] = Window;
        rules["BlackmanWindow"] = Window;
    }

    /// <summary>Constant: the type of whichever value_* attribute is set.</summary>
    private static void Constant(NodeContext context)
    {
        var attribute = context.Node.Attributes.FirstOrDefault(a => a.Name is "value" or "sparse_value" or "value_float"
            or "value_floats" or "value_int" or "value_ints" or "value_string" or "value_strings")
            ?? throw context.Fail("Constant has no value attribute");
        var value = context.Frame.Resolve(attribute) ?? throw context.Fail($"Constant's '{attribute.Name}' refers to a function attribute the caller does not set");
        switch (attribute.Name)
        {
            case "value":
                var tensor = value.AsTensor();
                context.SetOutput(0, Shape.Of([.. tensor.Dims]), tensor.DataType);
                context.SetOutputData(0, ShapeData.FromTensor(tensor));
                break;
            case "sparse_value":
                if (value.Value is not SparseTensor sparse) throw context.Fail("sparse_value is not a sparse tensor");
                context.SetOutput(0, Shape.Of([.. sparse.Dims]), sparse.Values.DataType);
                break;
            case "value_float":
                context.SetOutput(0, Shape.Scalar, DataType.Float);
                break;
            case "value_floats":
                context.SetOutput(0, Shape.Of(value.AsFloats().Count), DataType.Float);
                break;
            case "value_int":
                context.SetOutput(0, Shape.Scalar, DataType.Int64);
                context.SetOutputData(0, new ShapeData([Dim.Of(value.AsInt())], true));
                break;
            case "value_ints":
                context.SetOutput(0, Shape.Of(value.AsInts().Count), DataType.Int64);
                context.SetOutputData(0, ShapeData.Of(value.AsInts()));
                break;
            case "value_string":
                context.SetOutput(0, Shape.Scalar, DataType.String);
                break;
            case "value_strings":
                context.SetOutput(0, Shape.Of(value.AsStrings().Count), DataType.String);
                break;
        }
    }

    /// <summary>ConstantOfShape: the shape the input holds, filled with 'value' (float 0 by default).</summary>
    private static void ConstantOfShape(NodeContext context)
    {
        var value = context.Attr("value")?.AsTensor();
        var shape = RuleSupport.ShapeFromInput(context, 0);
        context.SetOutput(0, shape, value?.DataType ?? DataType.Float);
        if (shape is { Rank: 1 } && shape[0].Value is long count && count <= ShapeData.MaxElements
            && value is not null && ShapeData.FromTensor(value) is { Elements: [var fill] })
        {
            context.SetOutputData(0, new ShapeData(Enumerable.Repeat(fill, (int)count).ToArray(), false));
        }
    }

    /// <summary>Shape: a 1-D int64 tensor of the input's dims from start to end (opset 15); its contents are those dims.</summary>
    private static void ShapeOf(NodeContext context)
    {
        if (context.InputShape(0) is not { } input)
        {
            context.SetOutput(0, new Shape(Dim.Unknown()));
            return;
        }
        int rank = input.Rank;
        long start = Clamp(context.Int("start", 0), rank);
        long end = Clamp(context.Int("end", rank), rank);
        var dims = input.Skip((int)start).Take((int)Math.Max(0, end - start)).Select(DimMath.Strip).ToArray();
        context.SetOutput(0, Shape.Of(dims.Length));
        context.SetOutputData(0, new ShapeData(dims, false));

        static long Clamp(long index, int rank) => Math.Clamp(index < 0 ? index + rank : index, 0, rank);
    }

    /// <summary>Size: an int64 scalar holding the element count.</summary>
    private static void Size(NodeContext context)
    {
        context.SetOutput(0, Shape.Scalar);
        if (context.InputShape(0) is { } input) context.SetOutputData(0, new ShapeData([RuleSupport.ElementCount(input)], true));
    }

    /// <summary>Range: max(ceil((limit - start) / delta), 0) elements.</summary>
    private static void Range(NodeContext context)
    {
        var integers = context.InputElementType(0)?.IsInteger() == true;
        if (integers && context.InputInts(0) is [var start] && context.InputInts(1) is [var limit] && context.InputInts(2) is [var delta])
        {
            if (delta == 0) throw context.Fail("Range delta must not be 0");
            long span = checked(limit - start);
            long count = span == 0 || (span > 0) != (delta > 0) ? 0 : (Math.Abs(span) - 1) / Math.Abs(delta) + 1;
            context.SetOutput(0, Shape.Of(count));
            if (count <= ShapeData.MaxElements) context.SetOutputData(0, ShapeData.Of(Enumerable.Range(0, (int)count).Select(i => start + i * delta)));
            return;
        }
        if (!integers && context.InputDoubles(0) is [var from] && context.InputDoubles(1) is [var to] && context.InputDoubles(2) is [var step])
        {
            if (step == 0) throw context.Fail("Range delta must not be 0");
            double count = Math.Max(Math.Ceiling((to - from) / step), 0);
            context.SetOutput(0, count < long.MaxValue ? Shape.Of((long)count) : new Shape(Dim.Unknown()));
            return;
        }
        context.SetOutput(0, new Shape(Dim.Unknown()));
    }

    private static void RandomFromAttributes(NodeContext context)
    {
        var shape = context.Ints("shape") ?? throw context.Fail($"{context.Node.OpType} needs attribute 'shape'");
        context.SetOutput(0, Shape.Of([.. shape]), RuleSupport.ElementTypeAttribute(context, "dtype") ?? DataType.Float);
    }

    /// <summary>Multinomial: [batch, sample_size] in dtype (int32 by default).</summary>
    private static void Multinomial(NodeContext context)
    {
        var batch = context.InputShape(0) is { Rank: 2 } input ? DimMath.Strip(input[0]) : Dim.Unknown();
        context.SetOutput(0, new Shape(batch, Dim.Of(context.Int("sample_size", 1))), RuleSupport.ElementTypeAttribute(context, "dtype") ?? DataType.Int32);
    }

    /// <summary>Window functions: a 1-D tensor of the given size in output_datatype (float by default).</summary>
    private static void Window(NodeContext context)
    {
        var size = context.InputData(0) is { Elements: [var n] } ? n : Dim.Unknown();
        context.SetOutput(0, new Shape(size), RuleSupport.ElementTypeAttribute(context, "output_datatype") ?? DataType.Float);
    }
}
