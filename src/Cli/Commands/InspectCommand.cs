using System.CommandLine;
using OnnxKit.Cli.Rendering;
using OnnxKit.Inspection;
using OnnxKit.Viewer.Text;

namespace OnnxKit.Cli.Commands;

/// <summary><c>onnxkit inspect MODEL [--tree] [--json | --markdown]</c>: what a model is made of, without reading its weights.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var model = CliArguments.Model();
        var json = CliArguments.Json();
        var tree = new Option<bool>("--tree") { Description = "Show the graph as a tree: inputs, every node with its inputs, weights and output types (subgraphs nested), outputs." };
        var markdown = CliArguments.Markdown();
        markdown.Description = "With --tree: print the tree as nested Markdown bullets.";
        var command = new Command("inspect", "Show a model's IR version, opsets, inputs and outputs, operators, parameters, external data and metadata.")
        {
            model, json, tree, markdown,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(json) && result.GetValue(markdown)) result.AddError("--json and --markdown cannot be combined.");
            if (result.GetValue(markdown) && !result.GetValue(tree)) result.AddError("--markdown needs --tree.");
        });
        CommandAction.Set(command, parse =>
        {
            string path = CliArguments.ExistingFile(parse.GetRequiredValue(model));
            var loaded = ViewedModel.Load(path);
            if (parse.GetValue(tree))
            {
                var graphTree = GraphTreeBuilder.Build(loaded, Path.GetFileName(path));
                if (parse.GetValue(json)) FrontEndReportJson.Print(graphTree, FrontEndReportJson.Default.TreeItem);
                else if (parse.GetValue(markdown)) Console.Out.Write(graphTree.ToMarkdown());
                else TreeRenderer.Render(graphTree);
                return ExitCodes.Ok;
            }

            var report = ModelInspector.Inspect(loaded);
            if (parse.GetValue(json)) FrontEndReportJson.Print(report, FrontEndReportJson.Default.ModelInspection);
            else InspectionRenderer.Render(report, path);
            return ExitCodes.Ok;
        });
        return command;
    }
}
