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
            CustomParser = result =>
            {
                if (result.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value))) result.AddError("a model path is empty.");
                return result.Tokens.Where(t => !string.IsNullOrWhiteSpace(t.Value)).Select(t => new FileInfo(t.Value)).ToArray();
            },
            Description = "One or more models; with several, each is compared with the first (e.g. model.onnx model_fp16.onnx model_int8.onnx).",
            Arity = ArgumentArity.OneOrMore,
        };
        var warmup = CliArguments.Bounded(new Option<int>("--warmup") { Description = "Untimed runs per caller before measuring (0 to 1,000,000).", DefaultValueFactory = _ => 10 }, 0, 1_000_000);
        var iterations = CliArguments.Bounded(new Option<int>("--iterations", "-n") { Description = "Timed runs (shared by all callers).", DefaultValueFactory = _ => 100 }, 1, int.MaxValue);
        var duration = CliArguments.Bounded(new Option<double?>("--duration") { Description = "Measure for this many seconds instead of a number of runs (at most a day, 86400)." }, 0.001, 86400);
        var batch = new Option<string?>("--batch") { Description = "Batch sizes to measure, comma-separated (e.g. 1,8,32); set on every input's first dim." };
        var concurrency = CliArguments.Bounded(new Option<int>("--concurrency", "-c") { Description = $"Callers running at once on one session (1 to {MaxConcurrency}).", DefaultValueFactory = _ => 1 }, 1, MaxConcurrency);
        var inputs = CliArguments.Inputs("The same values feed every model and run; others are random.");
        var limits = new LimitArguments(runs: true);
        var runtime = new RuntimeArguments();
        var shapes = new ShapeArguments();
        var profile = new Option<bool>("--profile") { Description = "Run ONNX Runtime's profiler and list the operators that took the most time." };
        var json = new Option<string?>("--json") { Description = "Write the full report as JSON to this file ('-' for standard output)." };
        var csv = new Option<FileInfo?>("--csv") { Description = "Write one CSV row per model and batch size to this file." };
        var command = new Command("bench", "Measure session creation, first run, latency percentiles, throughput, CPU, memory and managed allocation per run.")
        {
            models, inputs, warmup, iterations, duration, batch, concurrency, profile, json, csv,
        };
        runtime.AddTo(command);
        shapes.AddTo(command);
        limits.AddTo(command);
        CommandAction.SetCancellable(command, (parse, cancellationToken) =>
        {
            var paths = parse.GetRequiredValue(models).Select(CliArguments.ExistingFile).ToArray();
            var resourceLimits = limits.Limits(parse);
            var options = new BenchmarkOptions
            {
                Warmup = parse.GetValue(warmup),
                Iterations = parse.GetValue(iterations),
                Duration = parse.GetValue(duration) is double seconds ? TimeSpan.FromSeconds(seconds) : null,
                BatchSizes = ParseBatches(parse.GetValue(batch)),
                Concurrency = parse.GetValue(concurrency),
                Inputs = parse.GetValue(inputs) ?? [],
                Shapes = shapes.Parse(parse),
                Profile = parse.GetValue(profile),
                Session = runtime.Settings(parse, resourceLimits),
            };
            string? jsonPath = parse.GetValue(json);
            bool jsonToStdout = jsonPath == "-";
            // The time limit is on top of a --duration, per model, so that only a run that hangs is stopped.
            var extra = TimeSpan.FromSeconds((options.Duration ?? TimeSpan.Zero).TotalSeconds * paths.Length * Math.Max(1, options.BatchSizes.Count));
            var report = LimitArguments.WithTimeout(resourceLimits, "The benchmark", cancellationToken,
                token => BenchRenderer.WithProgress(progress => BenchmarkReport.Measure(paths, options, progress, token), quiet: jsonToStdout), extra);
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

    /// <summary>The most concurrent callers: each is a thread with its own bound buffers.</summary>
    private const int MaxConcurrency = 256;

    /// <summary>The largest batch size: a batch this large of even one float per item is 4 GB.</summary>
    private const int MaxBatch = 1 << 30;

    private static int[] ParseBatches(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return [];
        return value.Split(',', StringSplitOptions.TrimEntries).Select(part =>
            int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int size) && size is > 0 and <= MaxBatch
                ? size
                : throw new UsageException($"--batch '{value}': '{part}' is not an integer between 1 and {MaxBatch}.")).ToArray();
    }
}
