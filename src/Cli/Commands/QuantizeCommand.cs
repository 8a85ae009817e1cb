using System.CommandLine;
using OnnxKit.Cli.Quantization;
using OnnxKit.Cli.Rendering;
using OnnxKit.Optimizer.Quantization;

namespace OnnxKit.Cli.Commands;

/// <summary><c>onnxkit quantize IN -o OUT [--mode ...] [--calibration-data ...] [--report FILE] ...</c>.</summary>
internal static class QuantizeCommand
{
    public static Command Create()
    {
        var model = CliArguments.Model("The float ONNX model to quantize (it is never modified).");
        var output = new Option<FileInfo>("--output", "-o") { Description = "Where to write the quantized model (atomically; only when it meets the budget).", Required = true };
        var arguments = new QuantizeArguments();
        var json = CliArguments.Json();
        var command = new Command("quantize", "Quantize a model to INT8/INT16/INT4 (static with calibration, dynamic, or weight-only; QDQ or QOperator), verify it against the float model and write it.")
        {
            model, output, json,
        };
        arguments.AddTo(command);
        CommandAction.SetCancellable(command, (parse, cancellationToken) =>
        {
            var request = new QuantizeFileRequest
            {
                InputPath = CliArguments.ExistingFile(parse.GetRequiredValue(model)),
                OutputPath = CliArguments.OutputFile(parse.GetRequiredValue(output), "-o"),
                Options = arguments.Options(parse),
            };
            return Run(request, arguments, parse, json, cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// Runs a file quantization with the data and report the options name, prints it, and returns the exit code.
    /// <paramref name="cancellationToken"/> (Ctrl+C) stops the optimizer's passes, calibration, verification and the budget
    /// search between batches; nothing is then written.
    /// </summary>
    public static int Run(QuantizeFileRequest request, QuantizeArguments arguments, ParseResult parse, Option<bool> json, CancellationToken cancellationToken)
    {
        bool asJson = parse.GetValue(json);
        var data = arguments.Data(parse);
        if (request.Optimize is { } passes) request = request with { Optimize = passes with { Options = passes.Options with { Cancellation = cancellationToken } } };
        var result = QuantizationRenderer.WithProgress(progress =>
            ModelFileQuantizer.Quantize(request, model => SampleSources.Services(data, model, progress) with { Cancellation = cancellationToken }), quiet: asJson);
        if (parse.GetValue(arguments.Report) is { } reportFile) QuantizationReports.Write(reportFile, result);
        if (asJson) FrontEndReportJson.Print(result, FrontEndReportJson.Default.FileQuantizationReport);
        else QuantizationRenderer.Render(result);
        return result.Succeeded ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
