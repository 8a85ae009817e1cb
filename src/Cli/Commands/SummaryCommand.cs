using System.CommandLine;
using OnnxKit.Cli.Rendering;
using OnnxKit.Exporter.Scripting;
using OnnxKit.Viewer.Text;

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
            string target = parse.GetRequiredValue(model);
            if (File.Exists(target) && !target.EndsWith(".csx", StringComparison.OrdinalIgnoreCase) && !parse.GetValue(layers))
            {
                var summary = ModelSummarizer.Summarize(ViewedModel.Load(target));
                if (parse.GetValue(json)) JsonOutput.Print(summary);
                else if (parse.GetValue(markdown)) Console.Out.Write(summary.ToMarkdown());
                else SummaryRenderer.Render(summary);
                return ExitCodes.Ok;
            }
            if (!File.Exists(target) && (target.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) || target.EndsWith(".csx", StringComparison.OrdinalIgnoreCase)))
                throw new UsageException($"File '{target}' does not exist.");
            var report = ModelSummaries.For(target, zoo.Read(parse));
            if (parse.GetValue(json)) JsonOutput.Print(report);
            else Console.Out.Write(parse.GetValue(markdown) ? report.ToMarkdown() : report.Render());
            return ExitCodes.Ok;
        });
        command.Validators.Add(result =>
        {
            if (result.GetValue(json) && result.GetValue(markdown)) result.AddError("--json and --markdown cannot be combined.");
        });
        return command;
    }
}
