using OnnxKit.Ir;

namespace OnnxKit.ShapeInference.Rules;

/// <summary>Sequence and optional operators: which sequence or optional type they produce.</summary>
internal static class SequenceRules
{
    public static void Register(IDictionary<string, ShapeRule> rules)
    {
        rules["SequenceConstruct"] = context => context.SetOutputType(0, new SequenceType(Common(
            Enumerable.Range(0, context.InputCount).Select(context.InputType).ToList())));
        rules["SequenceEmpty"] = context => context.SetOutputType(0,
            new SequenceType(new TensorType(RuleSupport.ElementTypeAttribute(context, "dtype") ?? DataType.Float)));
        rules["SequenceAt"] = context =>
        {
            if (context.InputType(0) is SequenceType { ElementType: { } element }) context.SetOutputType(0, element);
        };
        rules["SequenceInsert"] = context =>
        {
            if (context.InputType(0) is SequenceType sequence)
                context.SetOutputType(0, new SequenceType(Common([sequence.ElementType, context.InputType(1)])));
        };
        rules["SequenceErase"] = context =>
        {
            if (context.InputType(0) is SequenceType sequence) context.SetOutputType(0, sequence);
        };
        rules["SequenceLength"] = context => context.SetOutput(0, Shape.Scalar);
        rules["SplitToSequence"] = context =>
        {
            if (context.InputElementType(0) is { } element) context.SetOutputType(0, new SequenceType(new TensorType(element)));
        };
        rules["ConcatFromSequence"] = context =>
        {
            if (context.InputType(0) is SequenceType { ElementType: TensorType element }) context.SetOutput(0, null, element.ElementType);
        };
        rules["Optional"] = context =>
        {
            var type = context.Attr("type")?.Value as OnnxType ?? context.InputType(0);
            if (type is not null) context.SetOutputType(0, new OptionalType(type));
        };
        rules["OptionalHasElement"] = context => context.SetOutput(0, Shape.Scalar);
        rules["OptionalGetElement"] = context =>
        {
            var type = context.InputType(0) is OptionalType optional ? optional.ElementType : context.InputType(0);
            if (type is not null) context.SetOutputType(0, type);
        };
    }

    /// <summary>What a sequence's elements certainly share.</summary>
    private static OnnxType? Common(IReadOnlyList<OnnxType?> types) =>
        types.Count == 0 ? null : types.Skip(1).Aggregate(types[0], TypeMerger.Union);
}
