using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Runtime.Serving;

/// <summary>The per-request row limits: inputs whose first dim is symbolic carry 1 to <c>max</c> rows.</summary>
internal static class RequestRows
{
    /// <summary>Throws, naming the input, when a batchable input has no rows or more than <paramref name="max"/>.</summary>
    public static void Check(string model, IReadOnlyList<TensorSpec> specs, IReadOnlyDictionary<string, ITensor> inputs, int max)
    {
        foreach (var spec in specs)
        {
            if (spec.Shape is not { Rank: > 0 } shape || shape[0].IsKnown || !inputs.TryGetValue(spec.Name, out var tensor) || tensor.Dims.Count == 0) continue;
            long rows = tensor.Dims[0];
            if (rows == 0)
                throw new OnnxKitException($"Model '{model}', input '{spec.Name}': a request needs at least one row; got a batch of 0 (shape {TensorDims.Format(tensor.Dims)}).");
            if (rows > max)
                throw new OnnxKitException($"Model '{model}', input '{spec.Name}': a request may carry at most {max} rows; got {rows}. Split it into smaller requests.");
        }
    }
}
