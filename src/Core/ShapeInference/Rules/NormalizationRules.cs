using OnnxKit.Ir;

namespace OnnxKit.ShapeInference.Rules;

/// <summary>Normalizations with statistics outputs: BatchNormalization (training outputs) and LayerNormalization.</summary>
internal static class NormalizationRules
{
    public static void Register(IDictionary<string, ShapeRule> rules)
    {
        rules["BatchNormalization"] = BatchNormalization;
        rules["LayerNormalization"] = LayerNormalization;
    }

    /// <summary>Y has X's shape; the optional statistics outputs (running or saved mean and variance) are per channel.</summary>
    private static void BatchNormalization(NodeContext context)
    {
        var input = context.InputShape(0);
        context.SetOutput(0, input);
        var perChannel = context.InputShape(1) is { Rank: 1 } scale ? scale
            : input is { Rank: >= 2 } ? new Shape(DimMath.Strip(input[1]))
            : null;
        for (int i = 1; i < context.OutputCount; i++) context.SetOutput(i, perChannel);
    }

    /// <summary>Y has X's shape; Mean and InvStdDev keep the dims before axis and have 1 from axis on, in the stash type.</summary>
    private static void LayerNormalization(NodeContext context)
    {
        var input = context.InputShape(0);
        context.SetOutput(0, input);
        var stash = RuleSupport.ElementTypeAttribute(context, "stash_type") ?? DataType.Float;
        Shape? statistics = null;
        if (input is not null)
        {
            int axis = context.Axis(context.Int("axis", -1), input.Rank);
            statistics = new Shape(input.Select((d, i) => i < axis ? d : Dim.Of(1)));
        }
        context.SetOutput(1, statistics, stash);
        context.SetOutput(2, statistics, stash);
    }
}
