using OnnxKit.Inspection;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer;

/// <summary>Size figures of a model for before/after tables: nodes per operator and parameters (initializers and Constant tensors).</summary>
public sealed record ModelStats(int Nodes, IReadOnlyDictionary<string, int> Ops, long Parameters, long ParameterBytes,
    IReadOnlyDictionary<string, long> ParameterBytesByType)
{
    /// <summary>Measures <paramref name="model"/> (all graphs and function bodies; tensor data is not read).</summary>
    public static ModelStats Of(Model model)
    {
        var ops = OpHistogram.Of(model);
        long parameters = 0, bytes = 0;
        var byType = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var tensor in ParameterTensors.Of(model).Select(p => p.Tensor))
        {
            parameters += tensor.ElementCount;
            bytes += tensor.ByteCount;
            string type = tensor.DataType.OnnxName();
            byType[type] = (byType.TryGetValue(type, out long sum) ? sum : 0) + tensor.ByteCount;
        }
        return new ModelStats(ops.Values.Sum(), ops, parameters, bytes, new SortedCounts<long>(byType));
    }
}
