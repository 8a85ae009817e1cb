using OnnxKit.Ir;

namespace OnnxKit.Inspection;

/// <summary>How a model stores a parameter tensor.</summary>
public enum ParameterStorage
{
    /// <summary>A graph initializer.</summary>
    Initializer,

    /// <summary>The <c>value</c> (or <c>value_float(s)</c>, <c>value_int(s)</c>) of a Constant node, as PaddleOCR's and Silero's exporters write weights.</summary>
    ConstantNode,
}

/// <summary>A parameter tensor: the tensor, how it is stored, and the value it defines.</summary>
public sealed record ParameterTensor(ITensor Tensor, ParameterStorage Storage, Value Value);

/// <summary>The parameters of a model, wherever they are stored; reads no tensor data.</summary>
public static class ParameterTensors
{
    /// <summary>
    /// Every initializer and every numeric Constant-node tensor of every graph of <paramref name="model"/>
    /// (subgraphs and function bodies included), in graph order.
    /// </summary>
    public static IEnumerable<ParameterTensor> Of(Model model)
    {
        foreach (var graph in model.AllGraphs())
        {
            foreach (var initializer in graph.Initializers) yield return new(initializer.ConstValue!, ParameterStorage.Initializer, initializer);
            foreach (var node in graph.Nodes)
            {
                if (Constant(node) is { } tensor) yield return new(tensor, ParameterStorage.ConstantNode, node.Outputs[0]);
            }
        }
    }

    /// <summary>The numeric tensor a Constant node of ai.onnx defines; null for any other node.</summary>
    public static ITensor? Constant(Node node) =>
        node is { OpType: "Constant", IsDefaultDomain: true } ? ConstantNodes.TryRead(node) : null;
}
