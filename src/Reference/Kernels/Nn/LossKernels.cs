using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Tensor;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Nn;

/// <summary>NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss, with class weights, ignore_index and none/sum/mean reduction.</summary>
internal static class LossKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add("NegativeLogLikelihoodLoss", 12, 22, c => c.SetOutput(0, Loss(c, c.Input(0))), computesInFloat32: true);
        r.Add("SoftmaxCrossEntropyLoss", 12, 13, SoftmaxCrossEntropy, computesInFloat32: true);
    }

    private static void SoftmaxCrossEntropy(OpContext c)
    {
        var scores = c.Input(0);
        var values = ElementConverter.ToDoubles(scores);
        int batch = scores.Dims[0], classes = scores.Dims[1], inner = ShapeMath.Product(scores.Dims, 2, scores.Rank);
        var logProbabilities = new double[values.Length];
        for (int n = 0; n < batch; n++)
        {
            for (int i = 0; i < inner; i++)
            {
                double max = double.NegativeInfinity;
                for (int k = 0; k < classes; k++) max = Math.Max(max, values[(n * classes + k) * inner + i]);
                double sum = 0;
                for (int k = 0; k < classes; k++) sum += Math.Exp(values[(n * classes + k) * inner + i] - max);
                for (int k = 0; k < classes; k++)
                {
                    int at = (n * classes + k) * inner + i;
                    logProbabilities[at] = values[at] - max - Math.Log(sum);
                }
            }
        }
        var logProbability = new TensorValue(scores.ElementType, scores.Dims, ElementConverter.FromDoubles(logProbabilities, scores.ElementType));
        c.SetOutput(0, Loss(c, logProbability));
        c.SetOutput(1, logProbability);
    }

    /// <summary>The loss −input[n, target, d] weighted by the target's class weight (0 for ignore_index), then reduced.</summary>
    private static TensorValue Loss(OpContext c, TensorValue input)
    {
        var targetTensor = c.Input(1);
        var targets = KernelInputs.Longs(targetTensor);
        var classWeights = c.OptionalInput(2) is { } w ? ElementConverter.ToDoubles(w) : null;
        long? ignore = c.IntOrNull("ignore_index");
        string reduction = c.String("reduction", "mean");
        if (input.Rank < 2) throw new OnnxKitException($"the input must be [N, C, ...], got {input.Describe()}.");
        var values = ElementConverter.ToDoubles(input);
        int batch = input.Dims[0], classes = input.Dims[1], inner = ShapeMath.Product(input.Dims, 2, input.Rank);
        if (targets.Length != batch * inner) throw new OnnxKitException($"target {targetTensor.Describe()} does not match input {input.Describe()}.");
        var losses = new double[targets.Length];
        var weights = new double[targets.Length];
        for (int n = 0; n < batch; n++)
        {
            for (int i = 0; i < inner; i++)
            {
                int at = n * inner + i;
                long target = targets[at];
                if (target == ignore) continue;
                int k = IndexingKernels.Index(target, classes);
                weights[at] = classWeights?[k] ?? 1;
                losses[at] = -values[(n * classes + k) * inner + i] * weights[at];
            }
        }
        return reduction switch
        {
            "none" => new TensorValue(input.ElementType, targetTensor.Dims, ElementConverter.FromDoubles(losses, input.ElementType)),
            "sum" => Scalar(losses.Sum(), input.ElementType),
            "mean" => Scalar(losses.Sum() / weights.Sum(), input.ElementType),
            _ => throw new OnnxKitException($"reduction '{reduction}' is not one of none, sum, mean."),
        };
    }

    private static TensorValue Scalar(double value, DataType type) => new(type, [], ElementConverter.FromDoubles([value], type));
}
