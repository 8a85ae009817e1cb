using System.Globalization;
using OnnxKit.Ir;
using OnnxKit.Viewer.Diff;
using OnnxKit.Viewer.Page;

namespace OnnxKit.Viewer;

/// <summary>
/// Writes the graph page: one self-contained HTML file (styles, script, layout engine and model
/// data inlined; nothing fetched when it is opened) showing a model, or two models compared.
/// </summary>
public static class ViewerPage
{
    /// <summary>The page for <paramref name="model"/>, labelled <paramref name="label"/> (usually the file name).</summary>
    public static string Render(Model model, string label, ViewerOptions? options = null)
    {
        options ??= new ViewerOptions();
        var document = new PageDocument { Title = label };
        var builder = new PageGraphBuilder(document, model, "", options.StatisticsBudget);
        document.Panes.Add(Pane(model, label, builder.AddGraph(model.Graph, isMain: true)));
        ApplyTimings(document, builder, options);
        return HtmlPageWriter.Write(document);
    }

    /// <summary>
    /// The page comparing <paramref name="before"/> with <paramref name="after"/> (for example a model
    /// and its optimized form): both side by side and overlaid, with added, removed and changed nodes marked.
    /// </summary>
    public static string RenderDiff(Model before, string beforeLabel, Model after, string afterLabel, ViewerOptions? options = null)
    {
        options ??= new ViewerOptions();
        var document = new PageDocument { Title = $"{beforeLabel} → {afterLabel}" };
        var first = new PageGraphBuilder(document, before, "a", options.StatisticsBudget);
        var second = new PageGraphBuilder(document, after, "b", options.StatisticsBudget);
        int firstGraph = first.AddGraph(before.Graph, isMain: true);
        int secondGraph = second.AddGraph(after.Graph, isMain: true);
        document.Panes.Add(Pane(before, beforeLabel, firstGraph));
        document.Panes.Add(Pane(after, afterLabel, secondGraph));
        document.Diff = DiffOverlay.Apply(document, ModelDiffer.Compare(before, after), first, second, firstGraph, secondGraph);
        ApplyTimings(document, second, options);
        return HtmlPageWriter.Write(document);
    }

    /// <summary>Writes <paramref name="html"/> to <paramref name="path"/> atomically (a reader never sees half a page).</summary>
    public static void Save(string html, string path) =>
        Serialization.AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.Write(html);
        });

    private static PagePane Pane(Model model, string label, int graph)
    {
        var pane = new PagePane { Label = label, Graph = graph };
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) pane.Properties.Add([name, value]);
        }

        Add("IR version", model.IrVersion.ToString(CultureInfo.InvariantCulture));
        Add("Opsets", string.Join(", ", model.OpsetImports.Select(o => o.ToString())));
        Add("Producer", string.Join(" ", new[] { model.ProducerName, model.ProducerVersion }.Where(s => !string.IsNullOrEmpty(s))));
        Add("Domain", model.Domain);
        Add("Model version", model.ModelVersion?.ToString(CultureInfo.InvariantCulture));
        Add("Description", model.DocString);
        foreach (var (key, value) in model.Metadata) Add(key, value);
        return pane;
    }

    private static void ApplyTimings(PageDocument document, PageGraphBuilder builder, ViewerOptions options)
    {
        if (options.Timings is null) return;
        foreach (var (node, box) in builder.NodeBoxes)
        {
            if (node.Name is { Length: > 0 } name && options.Timings.Milliseconds.TryGetValue(name, out double ms)) box.TimeMs = ms;
        }

        document.HasTimes = builder.NodeBoxes.Values.Any(b => b.TimeMs is not null);
    }
}
