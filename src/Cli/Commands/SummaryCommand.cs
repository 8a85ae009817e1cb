using System.CommandLine;
using OnnxKit.Cli.Rendering;
using OnnxKit.Viewer.Text;

namespace OnnxKit.Cli.Commands;

/// <summary><c>onnxkit summary MODEL [--json | --markdown]</c>: a Keras-style table of any ONNX model.</summary>
internal static class SummaryCommand
{
    public static Command Create()
    {
        var model = CliArguments.Model();
        var json = CliArguments.Json();
        var markdown = CliArguments.Markdown();
        var command = new Command("summary", "Show a Keras-style summary: one row per input and node with its output shape and parameter count, then the totals.")
        {
            model, json, markdown,
        };
        CommandAction.Set(command, parse =>
        {
            string path = CliArguments.ExistingFile(parse.GetRequiredValue(model));
            var summary = ModelSummarizer.Summarize(ViewedModel.Load(path));
            if (parse.GetValue(json)) JsonOutput.Print(summary);
            else if (parse.GetValue(markdown)) Console.Out.Write(summary.ToMarkdown());
            else SummaryRenderer.Render(summary);
            return ExitCodes.Ok;
        });
        command.Validators.Add(result =>
        {
            if (result.GetValue(json) && result.GetValue(markdown)) result.AddError("--json and --markdown cannot be combined.");
        });
        return command;
    }
}
