using System.Globalization;
using OnnxKit.Inspection;
using Spectre.Console;

namespace OnnxKit.Cli.Rendering;

/// <summary>Renders a <see cref="ModelInspection"/> as terminal tables.</summary>
internal static class InspectionRenderer
{
    public static void Render(ModelInspection report, string path)
    {
        var console = AnsiConsole.Console;
        var header = new Grid().AddColumn().AddColumn();
        header.AddRow("[bold]Model[/]", Markup.Escape(path));
        header.AddRow("IR version", report.IrVersion.ToString(CultureInfo.InvariantCulture));
        header.AddRow("Opsets", Markup.Escape(string.Join(", ", report.OpsetImports)));
        if (report.Producer is not null) header.AddRow("Producer", Markup.Escape(report.Producer));
        if (report.Domain is not null) header.AddRow("Domain", Markup.Escape(report.Domain));
        if (report.ModelVersion is long version) header.AddRow("Model version", version.ToString(CultureInfo.InvariantCulture));
        header.AddRow("Nodes", $"{report.NodeCount:N0} ({report.OpHistogram.Count} op types, {report.SubgraphCount} subgraphs)");
        header.AddRow("Parameters", $"{report.ParameterCount:N0} ({ByteSize.Format(report.ParametersByType.Sum(p => p.Bytes))}{StorageNote(report)})");
        if (report.Functions.Count > 0) header.AddRow("Functions", Markup.Escape(string.Join(", ", report.Functions)));
        console.Write(header);

        console.WriteTable(ValueTable("Inputs", report.Inputs));
        console.WriteTable(ValueTable("Outputs", report.Outputs));

        var ops = new Table().Title("Operators").AddColumn("Op").AddColumn(new TableColumn("Count").RightAligned());
        foreach (var op in report.OpHistogram) ops.AddRow(Markup.Escape(op.OpType), op.Count.ToString("N0", CultureInfo.InvariantCulture));
        console.WriteTable(ops);

        if (report.ParametersByType.Count > 0)
        {
            var parameters = new Table().Title("Parameters by element type").AddColumn("Type")
                .AddColumn(new TableColumn("Elements").RightAligned()).AddColumn(new TableColumn("Bytes").RightAligned());
            foreach (var p in report.ParametersByType)
                parameters.AddRow(p.ElementType, p.Elements.ToString("N0", CultureInfo.InvariantCulture), ByteSize.Format(p.Bytes));
            console.WriteTable(parameters);
        }
        if (report.ExternalData.Count > 0)
        {
            var files = new Table().Title("External data").AddColumn("File").AddColumn(new TableColumn("Tensors").RightAligned()).AddColumn(new TableColumn("Bytes").RightAligned());
            foreach (var f in report.ExternalData) files.AddRow(Markup.Escape(f.Location), f.Tensors.ToString(CultureInfo.InvariantCulture), ByteSize.Format(f.Bytes));
            console.WriteTable(files);
        }
        if (report.Metadata.Count > 0)
        {
            var metadata = new Table().Title("Metadata").AddColumn("Key").AddColumn("Value");
            foreach (var entry in report.Metadata) metadata.AddRow(Markup.Escape(entry.Key), Markup.Escape(entry.Value));
            console.WriteTable(metadata);
        }
    }

    private static Table ValueTable(string title, IReadOnlyList<ValueDescription> values)
    {
        var table = new Table().Title(title).AddColumn("Name").AddColumn("Type").AddColumn("Shape");
        foreach (var v in values)
            table.AddRow(Markup.Escape(v.Name), Markup.Escape(v.ElementType), Markup.Escape(v.Shape is null ? "?" : "[" + string.Join(", ", v.Shape) + "]"));
        return table;
    }

    /// <summary>How the parameters are stored, when some are in Constant nodes: "; all in 342 Constant nodes".</summary>
    private static string StorageNote(ModelInspection report)
    {
        if (report.ConstantNodeCount == 0) return "";
        string nodes = report.ConstantNodeCount == 1 ? "1 Constant node" : $"{report.ConstantNodeCount:N0} Constant nodes";
        return report.ConstantNodeParameterCount == report.ParameterCount
            ? $"; all in {nodes}"
            : $"; {report.ConstantNodeParameterCount:N0} in {nodes}, the rest in initializers";
    }
}
