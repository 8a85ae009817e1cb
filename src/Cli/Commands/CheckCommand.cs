using System.CommandLine;
using OnnxKit.Checker;
using OnnxKit.Cli.Rendering;
using OnnxKit.Serialization;

namespace OnnxKit.Cli.Commands;

/// <summary><c>onnxkit check MODEL [--json]</c>: verify a model against the ONNX specification.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var model = CliArguments.Model();
        var json = CliArguments.Json();
        var strict = new Option<bool>("--custom-domains-are-errors")
        {
            Description = "Treat operators of unknown custom domains (with no model-local function) as errors instead of warnings.",
        };
        var limits = new LimitArguments(runs: false);
        var command = new Command("check", "Verify a model against the ONNX specification and list every problem with its location. Exit 0 when valid, 3 when errors were found.")
        {
            model, json, strict,
        };
        limits.AddTo(command);
        CommandAction.Set(command, parse =>
        {
            string path = CliArguments.ExistingFile(parse.GetRequiredValue(model));
            var options = new CheckerOptions { UnknownDomainsAreErrors = parse.GetValue(strict), Limits = limits.Limits(parse) };
            var report = ModelChecker.Check(OnnxFile.Load(path), options);
            if (parse.GetValue(json)) FrontEndReportJson.Print(new CheckResult(path, report.IsValid, report.ErrorCount, report.WarningCount, report.Problems), FrontEndReportJson.Default.CheckResult);
            else CheckRenderer.Render(report, path);
            return report.IsValid ? ExitCodes.Ok : ExitCodes.InvalidModel;
        });
        return command;
    }
}
