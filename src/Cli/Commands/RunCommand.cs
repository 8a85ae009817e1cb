using System.CommandLine;
using OnnxKit.Cli.Rendering;
using OnnxKit.Runtime.Running;
using OnnxKit.Serialization;

namespace OnnxKit.Cli.Commands;

/// <summary><c>onnxkit run MODEL [--input NAME=FILE ...] [--output-dir DIR] ...</c>: runs a model once and summarizes its outputs.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var model = CliArguments.Model();
        var inputs = CliArguments.Inputs("Inputs not given are random.");
        var outputDir = new Option<DirectoryInfo?>("--output-dir", "-o") { Description = "Write each output to this folder as <output name>.npy (or .pb)." };
        var format = CliArguments.Choice("--output-format", "Format of written outputs: npy or pb (ONNX TensorProto).", TensorFileFormat.Npy);
        var backend = CliArguments.Choice("--backend", "ort (ONNX Runtime) or reference (OnnxKit's C# evaluator).", BackendKind.Ort);
        var runtime = new RuntimeArguments();
        var shapes = new ShapeArguments();
        var seed = new Option<int>("--seed") { Description = "Seed of the random inputs.", DefaultValueFactory = _ => 0 };
        var topK = CliArguments.Bounded(new Option<int>("--top-k") { Description = "How many top classes to show for class-score outputs (0 to 1000).", DefaultValueFactory = _ => 5 }, 0, 1000);
        var limits = new LimitArguments(runs: true);
        var json = CliArguments.Json();
        var command = new Command("run", "Run a model once on given or random inputs; write and summarize its outputs.")
        {
            model, inputs, outputDir, format, backend, seed, topK, json,
        };
        runtime.AddTo(command);
        shapes.AddTo(command);
        limits.AddTo(command);
        CommandAction.SetCancellable(command, (parse, cancellationToken) =>
        {
            string path = CliArguments.ExistingFile(parse.GetRequiredValue(model));
            var resourceLimits = limits.Limits(parse);
            var request = new RunRequest
            {
                Inputs = parse.GetValue(inputs) ?? [],
                ModelName = Path.GetFileName(path),
                OutputDirectory = parse.GetValue(outputDir)?.FullName,
                OutputFormat = parse.GetValue(format),
                Shapes = shapes.Parse(parse),
                Seed = parse.GetValue(seed),
                TopK = parse.GetValue(topK),
                Limits = resourceLimits,
            };
            var report = LimitArguments.WithTimeout(resourceLimits, $"The run of '{Path.GetFileName(path)}'", cancellationToken, token =>
            {
                using var session = Backends.Open(parse.GetValue(backend), path, runtime.Settings(parse, resourceLimits));
                return ModelRunner.Run(session, request, token);
            });
            if (parse.GetValue(json)) JsonOutput.Print(report);
            else RunRenderer.Render(report, path);
            return ExitCodes.Ok;
        });
        return command;
    }
}
