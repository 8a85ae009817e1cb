using System.CommandLine;
using System.Diagnostics;
using OnnxKit.Cli.Rendering;
using OnnxKit.Exporter.Scripting;
using OnnxKit.Inspection;

namespace OnnxKit.Cli.Commands;

/// <summary>
/// <c>onnxkit summary MODEL.onnx|SCRIPT.csx|NAME [--layers] [--json | --markdown]</c>: a
/// Keras-style table. An ONNX file gets one row per input and node (or, with
/// <c>--layers</c>, its nodes grouped into layers by name scope); a zoo model or a model
/// script gets Keras's own <c>model.summary()</c>.
/// </summary>
internal static class SummaryCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "An .onnx file, a .csx model script, or a zoo model name (see 'onnxkit export --list')." };
        model.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>())) result.AddError("the model path or name is empty.");
        });
        var json = CliArguments.Json();
        var markdown = CliArguments.Markdown();
        var layers = new Option<bool>("--layers") { Description = "For an .onnx file: group nodes into layers by name scope, as Keras would list them." };
        var zoo = new ZooOptionsArguments();
        var command = new Command("summary", "Show a Keras-style summary: layers (or nodes) with output shapes and parameter counts, then the totals.")
        {
            model, json, markdown, layers,
        };
        zoo.AddTo(command);
        CommandAction.Set(command, parse =>
        {
            var target = ModelArgument.Parse(parse.GetRequiredValue(model), zoo.Read(parse));
            if (target.FilePath is { } path) CliArguments.ExistingFile(new FileInfo(path));
            bool nodeTable = target is ModelArgument.OnnxFile && !parse.GetValue(layers);
            var summary = target switch
            {
                ModelArgument.OnnxFile file => ModelSummarizer.Summarize(ViewedModel.Load(file.Path), nodeTable ? SummaryGrouping.Nodes : SummaryGrouping.Layers),
                ModelArgument.DslModel dsl => dsl.Source.Create().SummaryReport(),
                _ => throw new UnreachableException(),
            };
            if (parse.GetValue(json)) JsonOutput.Print(summary);
            else if (parse.GetValue(markdown)) Console.Out.Write(summary.ToMarkdown());
            else if (nodeTable) SummaryRenderer.Render(summary);
            else Console.Out.Write(summary.Render());
            return ExitCodes.Ok;
        });
        command.Validators.Add(result =>
        {
            if (result.GetValue(json) && result.GetValue(markdown)) result.AddError("--json and --markdown cannot be combined.");
        });
        return command;
    }
}
