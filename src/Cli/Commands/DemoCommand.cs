using System.CommandLine;
using OnnxKit.Cli.Demo;
using OnnxKit.Cli.Rendering;
using OnnxKit.Models;
using OnnxKit.Schemas;
using Spectre.Console;

namespace OnnxKit.Cli.Commands;

/// <summary><c>onnxkit demo</c>: the whole pipeline on a built-in model, on CPU.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The zoo model to use ('onnxkit export --list').", DefaultValueFactory = _ => "composable-featurepool-learner" };
        var opset = new Option<int>("--opset") { Description = "The opset to export at.", DefaultValueFactory = _ => 17 };
        var output = new Option<DirectoryInfo>("--output-dir", "-o") { Description = "Where to write the models and the page.", DefaultValueFactory = _ => new DirectoryInfo("onnxkit-demo") };
        var iterations = new Option<int>("--iterations") { Description = "Benchmark runs per variant.", DefaultValueFactory = _ => 200 };
        var command = new Command("demo", "Export a zoo model, check it, optimize it, convert it to float16 and quantize it to INT8 (calibrated on shipped Fashion-MNIST images), benchmark the variants side by side, write the graph page, and evaluate a trained model's variants on Fashion-MNIST (when installed), all on CPU.")
        {
            model, opset, output, iterations,
        };
        CommandAction.SetCancellable(command, (parse, cancellationToken) =>
        {
            string name = parse.GetValue(model)!;
            if (!ModelZoo.All.Any(m => m.Name == name)) throw new UsageException($"No zoo model named '{name}'; 'onnxkit export --list' shows them.");
            int target = parse.GetValue(opset);
            if (target < OpsetSupport.MinOpset || target > OpsetSupport.MaxOpset)
                throw new UsageException($"--opset {target} is outside the supported range {OpsetSupport.MinOpset}–{OpsetSupport.MaxOpset}.");
            int runs = parse.GetValue(iterations);
            if (runs < 1) throw new UsageException("--iterations must be at least 1.");
            var settings = new DemoSettings(name, target, parse.GetValue(output)!.FullName, runs, Seed: 0, cancellationToken);

            var result = DemoPipeline.Run(settings, step => AnsiConsole.MarkupLine(
                $"{(step.Skipped ? "[yellow]–[/]" : "[green]✓[/]")} [bold]{Markup.Escape(step.Name),-8}[/] {Markup.Escape(step.Summary)}{(step.Output is null ? "" : $" → {Markup.Escape(step.Output)}")}"));
            BenchRenderer.Render(result.Bench);
            if (result.Evaluation is { } evaluation) EvaluationRenderer.Render(evaluation, detailed: false);
            AnsiConsole.MarkupLine($"Open [bold]{Markup.Escape(result.Page)}[/] in a browser to see the graph.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
