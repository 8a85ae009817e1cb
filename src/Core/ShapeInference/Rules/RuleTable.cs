namespace OnnxKit.ShapeInference.Rules;

/// <summary>The shape rule of each ai.onnx operator that has one.</summary>
internal static class RuleTable
{
    private static readonly Dictionary<string, ShapeRule> Rules = Build();

    /// <summary>The rule for <paramref name="opType"/> of the default domain, or null.</summary>
    public static ShapeRule? Find(string opType) => Rules.GetValueOrDefault(opType);

    /// <summary>Every operator with a rule, in ordinal order.</summary>
    public static IEnumerable<string> Operators => Rules.Keys.Order(StringComparer.Ordinal);

    private static Dictionary<string, ShapeRule> Build()
    {
        var rules = new Dictionary<string, ShapeRule>(StringComparer.Ordinal);
        ElementwiseRules.Register(rules);
        ConvolutionRules.Register(rules);
        PoolingRules.Register(rules);
        MatMulRules.Register(rules);
        EinsumRule.Register(rules);
        ReshapeRules.Register(rules);
        SliceConcatRules.Register(rules);
        IndexingRules.Register(rules);
        ReductionRules.Register(rules);
        NormalizationRules.Register(rules);
        ResamplingRules.Register(rules);
        TensorSourceRules.Register(rules);
        QuantizationRules.Register(rules);
        ControlFlowRules.Register(rules);
        RecurrentRules.Register(rules);
        SequenceRules.Register(rules);
        LossRules.Register(rules);
        AttentionRules.Register(rules);
        SignalRules.Register(rules);
        return rules;
    }
}
