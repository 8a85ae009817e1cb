using System.CommandLine;
using OnnxKit.Cli.Rendering;
using OnnxKit.Inspection;
using OnnxKit.Serialization;

namespace OnnxKit.Cli.Commands;

/// <summary><c>onnxkit inspect MODEL [--json]</c>: what a model is made of, without reading its weights.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var model = CliArguments.Model();
        var json = CliArguments.Json();
        var command = new Command("inspect", "Show a model's IR version, opsets, inputs and outputs, operators, parameters, external data and metadata.")
        {
            model, json,
        };
        CommandAction.Set(command, parse =>
        {
            string path = CliArguments.ExistingFile(parse.GetRequiredValue(model));
            var report = ModelInspector.Inspect(OnnxFile.Load(path));
            if (parse.GetValue(json)) JsonOutput.Print(report);
            else InspectionRenderer.Render(report, path);
            return ExitCodes.Ok;
        });
        return command;
    }
}
