using OnnxKit.Ir;

namespace OnnxKit.ShapeInference.Rules;

/// <summary>
/// Operators whose output has the shape of their (first) input, and the broadcasting elementwise
/// operators. Element types come from the schema except where an attribute sets them.
/// </summary>
internal static class ElementwiseRules
{
    /// <summary>Unary elementwise operators, activations, and operators that keep their data input's shape.</summary>
    private static readonly string[] SameShapeOps =
    [
        "Abs", "Acos", "Acosh", "Asin", "Asinh", "Atan", "Atanh", "BitwiseNot", "Ceil", "Celu", "Clip", "Cos", "Cosh",
        "CumProd", "CumSum", "Elu", "Erf", "Exp", "Floor", "Gelu", "GroupNormalization", "HardSigmoid", "HardSwish",
        "Hardmax", "InstanceNormalization", "IsInf", "IsNaN", "LRN", "LeakyRelu", "Log", "LogSoftmax", "LpNormalization",
        "MeanVarianceNormalization", "Mish", "Not", "PRelu", "RMSNormalization", "Reciprocal", "RegexFullMatch", "Relu",
        "ReverseSequence", "Round", "Scatter", "ScatterElements", "ScatterND", "Selu", "Shrink", "Sigmoid", "Sign", "Sin",
        "Sinh", "Softmax", "Softplus", "Softsign", "Sqrt", "Swish", "Tan", "Tanh", "TensorScatter", "ThresholdedRelu", "Trilu",
    ];

    /// <summary>Operators that broadcast all their inputs together (numpy rules, opset 7 on; variadic ones from 8).</summary>
    private static readonly string[] BroadcastOps =
    [
        "Add", "And", "BitShift", "BitwiseAnd", "BitwiseOr", "BitwiseXor", "Div", "Equal", "Greater", "GreaterOrEqual",
        "Less", "LessOrEqual", "Max", "Mean", "Min", "Mod", "Mul", "Or", "Pow", "StringConcat", "Sub", "Sum", "Where", "Xor",
    ];

    public static void Register(IDictionary<string, ShapeRule> rules)
    {
        foreach (var op in SameShapeOps) rules[op] = SameShape;
        foreach (var op in BroadcastOps) rules[op] = Broadcast;
        rules["Identity"] = Identity;
        rules["Neg"] = Neg;
        rules["Cast"] = Cast;
        rules["BitCast"] = context => context.SetOutput(0, context.InputShape(0),
            RuleSupport.ElementTypeAttribute(context, "to") ?? throw context.Fail("BitCast needs attribute 'to'"));
        rules["CastLike"] = SameShape;
        rules["Dropout"] = Dropout;
        rules["Bernoulli"] = context => context.SetOutput(0, context.InputShape(0),
            RuleSupport.ElementTypeAttribute(context, "dtype") ?? context.InputElementType(0));
        rules["RandomNormalLike"] = rules["Bernoulli"];
        rules["RandomUniformLike"] = rules["Bernoulli"];
        rules["EyeLike"] = EyeLike;
    }

    private static void SameShape(NodeContext context) => context.SetOutput(0, context.InputShape(0));

    private static void Identity(NodeContext context)
    {
        if (context.InputType(0) is { } type) context.SetOutputType(0, type);
        context.SetOutputData(0, context.InputData(0));
    }

    private static void Neg(NodeContext context)
    {
        SameShape(context);
        if (context.InputData(0) is { } data && data.Elements.All(d => d.Value is not long.MinValue))
            context.SetOutputData(0, new ShapeData(data.Elements.Select(d => d.Value is long v ? Dim.Of(-v) : Dim.Unknown()).ToArray(), data.IsScalar));
    }

    private static void Cast(NodeContext context)
    {
        var to = RuleSupport.ElementTypeAttribute(context, "to") ?? throw context.Fail("Cast needs attribute 'to'");
        context.SetOutput(0, context.InputShape(0), to);
        if (to.IsInteger() && to.BitWidth() >= 8) context.SetOutputData(0, context.InputData(0));
    }

    private static void Dropout(NodeContext context)
    {
        context.SetOutput(0, context.InputShape(0));
        context.SetOutput(1, context.InputShape(0));
    }

    private static void EyeLike(NodeContext context)
    {
        if (context.InputShape(0) is { Rank: not 2 } shape) throw context.Fail($"EyeLike needs a 2-D input, got {shape}");
        context.SetOutput(0, context.InputShape(0), RuleSupport.ElementTypeAttribute(context, "dtype") ?? context.InputElementType(0));
    }

    private static void Broadcast(NodeContext context)
    {
        var shapes = Enumerable.Range(0, context.InputCount).Select(context.InputShape).ToList();
        // Before opset 7 the second operand was broadcast onto the first (attribute 'broadcast'), so the output had A's shape.
        bool legacy = context.Opset < 7 && context.Node.OpType is "Add" or "Sub" or "Mul" or "Div" or "Pow"
            or "And" or "Or" or "Xor" or "Equal" or "Less" or "Greater";
        context.SetOutput(0, legacy ? shapes.FirstOrDefault() : Broadcasting.Shapes(context, shapes));
        if (context.Node.OpType is "Add" or "Sub" or "Mul" or "Div" or "Max" or "Min") context.SetOutputData(0, Arithmetic(context));
    }

    /// <summary>Elementwise arithmetic on partly known integer contents (shape computations).</summary>
    private static ShapeData? Arithmetic(NodeContext context)
    {
        if (context.InputCount != 2 || context.InputData(0) is not { } a || context.InputData(1) is not { } b) return null;
        int count = Math.Max(a.Elements.Count, b.Elements.Count);
        if (a.Elements.Count != count && a.Elements.Count != 1 || b.Elements.Count != count && b.Elements.Count != 1) return null;
        Func<Dim, Dim, Dim> operation = context.Node.OpType switch
        {
            "Add" => DimMath.Add,
            "Sub" => DimMath.Subtract,
            "Mul" => DimMath.Multiply,
            "Div" => DimMath.Divide,
            "Max" => (x, y) => x.Value is long p && y.Value is long q ? Dim.Of(Math.Max(p, q)) : Dim.Unknown(),
            _ => (x, y) => x.Value is long p && y.Value is long q ? Dim.Of(Math.Min(p, q)) : Dim.Unknown(),
        };
        var elements = new Dim[count];
        try
        {
            for (int i = 0; i < count; i++)
                elements[i] = operation(a.Elements[a.Elements.Count == 1 ? 0 : i], b.Elements[b.Elements.Count == 1 ? 0 : i]);
        }
        catch (OverflowException)
        {
            return null; // integer tensors wrap at run time; the contents are simply not tracked
        }
        return new ShapeData(elements, a.IsScalar && b.IsScalar);
    }
}
