using System.Globalization;
using System.Text;
using OnnxKit.Exporter.StandardLayers;

namespace OnnxKit.Exporter.Networks;

/// <summary>
/// Renders Keras 2's <c>model.summary()</c> table: a three-column layout (65 characters) for
/// sequential-like models and a four-column layout with "Connected to" (98 characters)
/// otherwise; rows separated by underscores; totals with thousands separators. Activations
/// passed as <c>activation=</c> arguments get no row of their own, as in Keras.
/// </summary>
internal static class ModelSummary
{
    public static string Render(Network model)
    {
        bool sequentialLike = IsSequentialLike(model);
        int lineLength = sequentialLike ? 65 : 98;
        int[] positions = sequentialLike
            ? [(int)(65 * .45), (int)(65 * .85), 65]
            : [(int)(98 * .33), (int)(98 * .55), (int)(98 * .67), 98];
        var lines = new List<string> { $"Model: \"{model.Name}\"", new('_', lineLength) };
        lines.Add(Row(sequentialLike ? ["Layer (type)", "Output Shape", "Param #"] : ["Layer (type)", "Output Shape", "Param #", "Connected to"], positions));
        lines.Add(new string('=', lineLength));

        var rows = model.Sublayers;
        var calls = model.Graph.Calls;
        for (int i = 0; i < rows.Count; i++)
        {
            var layer = rows[i];
            var layerCalls = calls.Where(c => c.Layer == layer).ToArray();
            string name = $"{layer.Name} ({layer.TypeName})";
            string shape = OutputShape(layer, layerCalls, model is SequentialModel);
            string parameters = layer.ParameterCount.ToString(CultureInfo.InvariantCulture);
            if (sequentialLike)
            {
                lines.Add(Row([name, shape, parameters], positions));
            }
            else
            {
                var connections = layerCalls
                    .SelectMany(c => c.Inputs)
                    .Select(t => $"{t.Layer.Name}[{t.Producer.CallIndex}][{t.OutputIndex}]")
                    .ToArray();
                lines.Add(Row([name, shape, parameters, connections.FirstOrDefault() ?? ""], positions));
                foreach (var more in connections.Skip(1)) lines.Add(Row(["", "", "", more], positions));
            }
            lines.Add(new string(i == rows.Count - 1 ? '=' : '_', lineLength));
        }
        if (rows.Count == 0) lines.Add(new string('=', lineLength));

        long total = model.ParameterCount;
        long trainable = model.TrainableParameterCount;
        lines.Add($"Total params: {Thousands(total)}");
        lines.Add($"Trainable params: {Thousands(trainable)}");
        lines.Add($"Non-trainable params: {Thousands(total - trainable)}");
        lines.Add(new string('_', lineLength));
        var text = new StringBuilder();
        foreach (var line in lines) text.Append(line).Append('\n');
        return text.ToString();
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

    /// <summary>Keras's classic <c>print_row</c>: each field cut at its column's end and padded to it.</summary>
    private static string Row(IReadOnlyList<string> fields, int[] positions)
    {
        string line = "";
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0) line = line[..^1] + " ";
            line += fields[i];
            if (line.Length > positions[i]) line = line[..positions[i]];
            line = line.PadRight(positions[i]);
        }
        return line;
    }

    private static string Thousands(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
