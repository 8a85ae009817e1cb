using OnnxKit.Ir;

namespace OnnxKit.ShapeInference.Rules;

/// <summary>Classification losses: a scalar when reduced, the target's shape with reduction 'none'.</summary>
internal static class LossRules
{
    public static void Register(IDictionary<string, ShapeRule> rules)
    {
        rules["NegativeLogLikelihoodLoss"] = Loss;
        rules["SoftmaxCrossEntropyLoss"] = Loss;
    }

    private static void Loss(NodeContext context)
    {
        bool reduced = context.String("reduction", "mean") != "none";
        context.SetOutput(0, reduced ? Shape.Scalar : context.InputShape(1));
        context.SetOutput(1, context.InputShape(0));
    }
}
