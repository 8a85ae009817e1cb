using OnnxKit.Exporter.StandardLayers;
using OnnxKit.Inspection;

namespace OnnxKit.Exporter.Networks;

/// <summary>
/// Builds the <see cref="ModelSummary"/> of a DSL model, as Keras 2 reports it: activations passed as
/// <c>activation=</c> arguments get no row of their own; a Sequential model leaves out its
/// input layer; a layer called several times with different shapes shows <c>multiple</c>.
/// </summary>
internal static class NetworkSummary
{
    public static ModelSummary Build(Network model)
    {
        var calls = model.Graph.Calls;
        var rows = model.Sublayers.Select(layer =>
        {
            var layerCalls = calls.Where(c => c.Layer == layer).ToArray();
            var connections = layerCalls.SelectMany(c => c.Inputs).Select(t => $"{t.Layer.Name}[{t.Producer.CallIndex}][{t.OutputIndex}]").ToArray();
            return new SummaryRow(layer.Name, layer.TypeName, OutputShape(layer, layerCalls, model is SequentialModel), layer.ParameterCount, connections);
        }).ToArray();
        return new ModelSummary(model.Name, rows, model.ParameterCount, model.TrainableParameterCount, IsSequentialLike(model));
    }

    /// <summary>
    /// Keras's rule: a single chain of layers, each called once on one tensor. A Sequential
    /// model always is.
    /// </summary>
    private static bool IsSequentialLike(Network model)
    {
        if (model is SequentialModel) return true;
        var calls = model.Graph.Calls;
        if (model.Inputs.Count != 1 || model.Outputs.Count != 1) return false;
        if (calls.Select(c => c.Layer).Distinct().Count() != calls.Count) return false;
        for (int i = 1; i < calls.Count; i++)
        {
            if (calls[i].Inputs.Count != 1 || calls[i].Inputs[0].Producer != calls[i - 1] || calls[i - 1].Outputs.Count != 1) return false;
        }
        return true;
    }

    private static string OutputShape(Layer layer, IReadOnlyList<LayerCall> calls, bool inSequential)
    {
        if (calls.Count == 0) return "?";
        var shapes = calls.Select(c => c.Outputs.Count == 1 ? ShapeText.Format(c.Outputs[0].Shape) : ShapeText.FormatList(c.Outputs.Select(o => o.Shape))).Distinct().ToArray();
        if (shapes.Length > 1) return "multiple";
        // Keras 2 prints an input layer's shape as a one-element list in functional models.
        return layer is InputLayer && !inSequential ? $"[{shapes[0]}]" : shapes[0];
    }
}
