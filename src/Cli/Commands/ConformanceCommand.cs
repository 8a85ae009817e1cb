using System.CommandLine;
using OnnxKit.Cli.Rendering;
using OnnxKit.Execution;
using OnnxKit.Reference;
using OnnxKit.Reference.Conformance;
using OnnxKit.Runtime;

namespace OnnxKit.Cli.Commands;

/// <summary><c>onnxkit conformance DIR [--backend reference|ort] [--filter TEXT] [--json FILE]</c>: run ONNX's backend test cases on a backend.</summary>
internal static class ConformanceCommand
{
    public static Command Create()
    {
        var directory = new Argument<DirectoryInfo>("dir")
        {
            Description = "A folder of ONNX backend test cases (each a folder with model.onnx and test_data_set_N/), e.g. onnx/backend/test/data/node.",
        };
        var backend = CliArguments.Choice("--backend", "The backend to test: reference (OnnxKit's pure-C# evaluator) or ort (ONNX Runtime).", BackendKind.Reference);
        var filter = new Option<string?>("--filter") { Description = "Run only the cases whose folder name contains this text." };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the full report (every case, with reasons and worst errors) to this JSON file." };
        var command = new Command("conformance", "Run ONNX backend conformance cases and report passed, failed (with the worst error) and skipped (with the reason). Exit 0 when none failed, 3 otherwise.")
        {
            directory, backend, filter, json,
        };
        CommandAction.Set(command, parse =>
        {
            var folder = parse.GetRequiredValue(directory);
            if (!folder.Exists) throw new UsageException($"Folder '{folder.FullName}' does not exist.");
            var runner = new ConformanceRunner(Backends.For(parse.GetValue(backend)));
            string? only = parse.GetValue(filter);
            var report = ConformanceRenderer.RunWithProgress(runner, folder.FullName, only);
            if (parse.GetValue(json) is { } file) report.WriteJson(file.FullName);
            ConformanceRenderer.Render(report);
            return report.Failed == 0 ? ExitCodes.Ok : ExitCodes.InvalidModel;
        });
        return command;
    }
}
