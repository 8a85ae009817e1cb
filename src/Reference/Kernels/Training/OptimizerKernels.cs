using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Tensor;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Training;

/// <summary>
/// The optimizer operators of ai.onnx.preview.training (Adagrad, Adam, Momentum): one update step
/// of n tensors at once. Inputs are R (learning rate), T (step count), then n tensors of each kind
/// (X, G, then the optimizer's state); outputs are the new X and new states, kind by kind.
/// </summary>
internal static class OptimizerKernels
{
    private const string Domain = "ai.onnx.preview.training";

    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add(Domain, "Adagrad", 1, 1, Adagrad);
        r.Add(Domain, "Adam", 1, 1, Adam);
        r.Add(Domain, "Momentum", 1, 1, Momentum);
    }

    /// <summary>Runs <paramref name="update"/> element by element over each of the n tensor groups.</summary>
    /// <param name="c">The node.</param>
    /// <param name="kinds">How many tensors each group has (X, G and the states).</param>
    /// <param name="update">Maps (x, g, states) to (new x, new states) for one element.</param>
    private static void Step(OpContext c, int kinds, Func<double, double, double[], double[]> update)
    {
        int n = (c.InputCount - 2) / kinds;
        if (n <= 0 || (c.InputCount - 2) % kinds != 0) throw new OnnxKitException($"expected R, T and {kinds}·n tensors, got {c.InputCount} inputs.");
        for (int i = 0; i < n; i++)
        {
            var group = Enumerable.Range(0, kinds).Select(k => c.Input(2 + k * n + i)).ToArray();
            var values = group.Select(ElementConverter.ToDoubles).ToArray();
            var results = Enumerable.Range(0, kinds - 1).Select(_ => new double[values[0].Length]).ToArray();
            for (int e = 0; e < values[0].Length; e++)
            {
                var states = values.Skip(2).Select(v => v[e]).ToArray();
                var updated = update(values[0][e], values[1][e], states);
                for (int k = 0; k < updated.Length; k++) results[k][e] = updated[k];
            }
            for (int k = 0; k < results.Length; k++)
            {
                var like = group[k == 0 ? 0 : k + 1];
                c.SetOutput(k * n + i, new TensorValue(like.ElementType, like.Dims, ElementConverter.FromDoubles(results[k], like.ElementType)));
            }
        }
    }

    private static void Adagrad(OpContext c)
    {
        double rate = KernelInputs.Scalar(c.Input(0)), step = KernelInputs.Scalar(c.Input(1));
        double decay = c.Float("decay_factor", 0f), epsilon = c.Float("epsilon", 0f), norm = c.Float("norm_coefficient", 0f);
        double adjusted = rate / (1 + step * decay);
        Step(c, 3, (x, g, s) =>
        {
            double regularized = norm * x + g;
            double h = s[0] + regularized * regularized;
            return [x - adjusted * regularized / (Math.Sqrt(h) + epsilon), h];
        });
    }

    private static void Adam(OpContext c)
    {
        double rate = KernelInputs.Scalar(c.Input(0)), step = KernelInputs.Scalar(c.Input(1));
        double alpha = c.Float("alpha", 0.9f), beta = c.Float("beta", 0.999f), epsilon = c.Float("epsilon", 0f);
        double norm = c.Float("norm_coefficient", 0f), normPost = c.Float("norm_coefficient_post", 0f);
        double adjusted = step > 0 ? rate * Math.Sqrt(1 - Math.Pow(beta, step)) / (1 - Math.Pow(alpha, step)) : rate;
        Step(c, 4, (x, g, s) =>
        {
            double regularized = norm * x + g;
            double v = alpha * s[0] + (1 - alpha) * regularized;
            double h = beta * s[1] + (1 - beta) * regularized * regularized;
            double updated = x - adjusted * (v / (Math.Sqrt(h) + epsilon));
            return [(1 - normPost) * updated, v, h];
        });
    }

    private static void Momentum(OpContext c)
    {
        double rate = KernelInputs.Scalar(c.Input(0)), step = KernelInputs.Scalar(c.Input(1));
        double alpha = c.Required("alpha").AsFloat(), beta = c.Required("beta").AsFloat(), norm = c.Required("norm_coefficient").AsFloat();
        string mode = c.Required("mode").AsString();
        if (mode is not ("standard" or "nesterov")) throw new OnnxKitException($"Momentum mode '{mode}' is neither standard nor nesterov.");
        double betaAdjusted = step > 0 ? beta : 1;
        Step(c, 3, (x, g, s) =>
        {
            double regularized = norm * x + g;
            double v = alpha * s[0] + betaAdjusted * regularized;
            return [mode == "standard" ? x - rate * v : x - rate * (regularized + alpha * v), v];
        });
    }
}
