using OnnxKit.Ir;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer.Rules.Fusion;

/// <summary>
/// An inference-mode BatchNormalization as a per-channel affine map y = x·s + t, with
/// σ = √(var + ε) computed in double, s = γ/σ and t = β − μ·s.
/// </summary>
/// <param name="Node">The BatchNormalization node.</param>
/// <param name="Scale">s, one value per channel.</param>
/// <param name="Shift">t, one value per channel.</param>
public sealed record BatchNormFolding(Node Node, double[] Scale, double[] Shift)
{
    /// <summary>The channel count.</summary>
    public int Channels => Scale.Length;

    /// <summary>Reads a BatchNormalization whose statistics are constant and which runs in inference mode.</summary>
    public static RuleCheck<BatchNormFolding> Read(Node bn, GraphContext graph)
    {
        if (bn.Inputs.Count < 5) return Rule.Fail("fewer than five inputs");
        if (bn.Outputs.Skip(1).Any(o => o.Uses.Count > 0 || graph.IsOutput(o))) return Rule.Fail("running statistics are used (training mode)");
        if (bn.Attributes.GetInt("training_mode", 0) != 0) return Rule.Fail("training_mode is set");
        if (graph.Opset < 7 && bn.Attributes.GetInt("is_test", 0) == 0) return Rule.Fail("is_test is not set (training mode before opset 7)");
        if (graph.Opset < 9 && bn.Attributes.GetInt("spatial", 1) == 0) return Rule.Fail("spatial is 0 (per-activation statistics)");
        var gamma = graph.ConstantDoubles(bn.Inputs[1]);
        var beta = graph.ConstantDoubles(bn.Inputs[2]);
        var mean = graph.ConstantDoubles(bn.Inputs[3]);
        var variance = graph.ConstantDoubles(bn.Inputs[4]);
        if (gamma is null || beta is null || mean is null || variance is null) return Rule.Fail("scale, bias, mean or variance is not a constant");
        int c = gamma.Length;
        if (beta.Length != c || mean.Length != c || variance.Length != c) return Rule.Fail("statistics have different lengths");
        double epsilon = bn.Attributes.GetFloat("epsilon", 1e-5f);
        var scale = new double[c];
        var shift = new double[c];
        for (int i = 0; i < c; i++)
        {
            double sigma = Math.Sqrt(variance[i] + epsilon);
            scale[i] = gamma[i] / sigma;
            shift[i] = beta[i] - mean[i] * scale[i];
        }
        return new BatchNormFolding(bn, scale, shift);
    }
}
