using System.CommandLine;
using OnnxKit.Cli.Rendering;
using OnnxKit.Exporter.Scripting;

namespace OnnxKit.Cli.Commands;

/// <summary><c>onnxkit summary MODEL.onnx|SCRIPT.csx|NAME [--json]</c>: the Keras-style layer table.</summary>
internal static class SummaryCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "An .onnx file, a .csx model script, or a zoo model name." };
        var json = CliArguments.Json();
        var zoo = new ZooOptionsArguments();
        var command = new Command("summary", "Print a model's layers, output shapes and parameter counts as Keras's model.summary() does.")
        {
            model, json,
        };
        zoo.AddTo(command);
        CommandAction.Set(command, parse =>
        {
            var report = ModelSummaries.For(parse.GetRequiredValue(model), zoo.Read(parse));
            if (parse.GetValue(json)) JsonOutput.Print(report);
            else Console.Out.Write(report.Render());
            return ExitCodes.Ok;
        });
        return command;
    }
}
