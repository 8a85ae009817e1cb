using System.CommandLine;
using System.Globalization;
using OnnxKit.Cli.Rendering;
using OnnxKit.Runtime.Benchmarking;

namespace OnnxKit.Cli.Commands;

/// <summary><c>onnxkit bench MODEL [MODEL ...]</c>: latency, throughput and resource use, side by side for variants.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var models = new Argument<FileInfo[]>("models")
        {
            Description = "One or more models; with several, each is compared with the first (e.g. model.onnx model_fp16.onnx model_int8.onnx).",
            Arity = ArgumentArity.OneOrMore,
        };
        var warmup = new Option<int>("--warmup") { Description = "Untimed runs per caller before measuring.", DefaultValueFactory = _ => 10 };
        var iterations = new Option<int>("--iterations", "-n") { Description = "Timed runs (shared by all callers).", DefaultValueFactory = _ => 100 };
        var duration = new Option<double?>("--duration") { Description = "Measure for this many seconds instead of a number of runs." };
        var batch = new Option<string?>("--batch") { Description = "Batch sizes to measure, comma-separated (e.g. 1,8,32); set on every input's first dim." };
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Callers running at once on one session.", DefaultValueFactory = _ => 1 };
        var runtime = new RuntimeArguments();
        var profile = new Option<bool>("--profile") { Description = "Run ONNX Runtime's profiler and list the operators that took the most time." };
        var json = new Option<string?>("--json") { Description = "Write the full report as JSON to this file ('-' for standard output)." };
        var csv = new Option<FileInfo?>("--csv") { Description = "Write one CSV row per model and batch size to this file." };
        var command = new Command("bench", "Measure session creation, first run, latency percentiles, throughput, CPU, memory and managed allocation per run.")
        {
            models, warmup, iterations, duration, batch, concurrency, profile, json, csv,
        };
        runtime.AddTo(command);
        CommandAction.SetCancellable(command, (parse, cancellationToken) =>
        {
            var paths = parse.GetRequiredValue(models).Select(CliArguments.ExistingFile).ToArray();
            var options = new BenchmarkOptions
            {
                Warmup = parse.GetValue(warmup),
                Iterations = parse.GetValue(iterations),
                Duration = parse.GetValue(duration) is double seconds ? TimeSpan.FromSeconds(seconds) : null,
                BatchSizes = ParseBatches(parse.GetValue(batch)),
                Concurrency = parse.GetValue(concurrency),
                Shapes = runtime.ParseShapes(parse),
                Profile = parse.GetValue(profile),
                Session = runtime.Settings(parse),
            };
            string? jsonPath = parse.GetValue(json);
            bool jsonToStdout = jsonPath == "-";
            var report = BenchRenderer.WithProgress(progress => BenchmarkReport.Measure(paths, options, progress, cancellationToken), quiet: jsonToStdout);
            if (jsonToStdout) JsonOutput.Print(report);
            else
            {
                BenchRenderer.Render(report);
                if (jsonPath is not null) JsonOutput.Write(jsonPath, report);
            }
            if (parse.GetValue(csv) is { } csvFile) BenchRenderer.WriteCsv(csvFile.FullName, report);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int[] ParseBatches(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return [];
        return value.Split(',', StringSplitOptions.TrimEntries).Select(part =>
            int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int size) && size > 0
                ? size
                : throw new UsageException($"--batch '{value}': '{part}' is not a positive integer.")).ToArray();
    }
}
