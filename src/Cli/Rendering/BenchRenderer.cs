using System.Globalization;
using System.Text;
using OnnxKit.Inspection;
using OnnxKit.Runtime.Benchmarking;
using OnnxKit.Serialization;
using Spectre.Console;

namespace OnnxKit.Cli.Rendering;

/// <summary>Progress bar, tables and CSV for <c>onnxkit bench</c>.</summary>
internal static class BenchRenderer
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Runs <paramref name="measure"/> under a progress bar when standard error is a terminal; otherwise (a log, a pipe)
    /// a note says when the timed runs of each model and batch size begin.
    /// </summary>
    public static BenchmarkReport WithProgress(Func<IProgress<BenchmarkProgress>?, BenchmarkReport> measure, bool quiet)
    {
        var console = Terminal.Error;
        if (quiet) return measure(null);
        if (Console.IsErrorRedirected || !console.Profile.Capabilities.Interactive)
        {
            var started = new HashSet<(string, int?)>();
            return measure(new SyncProgress(p =>
            {
                if (started.Add((p.Model, p.Batch))) Terminal.Note($"timing {(p.Batch is int b ? $"{p.Model} (batch {b})" : p.Model)}...");
            }));
        }
        BenchmarkReport? report = null;
        console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var tasks = new Dictionary<(string, int?), ProgressTask>();
                report = measure(new SyncProgress(p =>
                {
                    if (!tasks.TryGetValue((p.Model, p.Batch), out var task))
                        tasks[(p.Model, p.Batch)] = task = context.AddTask(Markup.Escape(p.Batch is int b ? $"{p.Model} (batch {b})" : p.Model), maxValue: 1);
                    task.Value = p.Fraction;
                }));
            });
        return report!;
    }

    public static void Render(BenchmarkReport report)
    {
        var console = AnsiConsole.Console;
        var m = report.Machine;
        console.MarkupLine($"[bold]Machine[/]: {Markup.Escape(m.CpuModel)}, {m.LogicalCores} logical cores ({Markup.Escape(string.Join(" ", m.CpuFeatures))}), {ByteSize.Format(m.MemoryBytes)}");
        console.MarkupLine($"[bold]Software[/]: ONNX Runtime {Markup.Escape(m.OnnxRuntimeVersion)}, {Markup.Escape(m.DotnetVersion)}, OnnxKit {Markup.Escape(m.OnnxKitVersion)}; {Markup.Escape(m.Os)}");
        var o = report.Options;
        string budget = o.DurationSeconds is double s ? $"{s.ToString("0.##", Invariant)} s" : $"{o.Iterations} runs";
        console.MarkupLine($"[bold]Setup[/]: {budget} after {o.Warmup} warmup runs, {o.Concurrency} concurrent caller(s), intra-op threads {(o.IntraOpThreads == 0 ? "auto" : o.IntraOpThreads)}");

        var latency = new Table().Title("Latency (ms)").AddColumns("Model", "Batch")
            .AddColumns(Right("p50"), Right("p90"), Right("p95"), Right("p99"), Right("p99.9"), Right("max"));
        var resources = new Table().Title("Throughput and resources").AddColumns("Model", "Batch", "Provider")
            .AddColumns(Right("Create ms"), Right("First ms"), Right("runs/s"), Right("items/s"), Right("CPU %"), Right("Peak mem"), Right("Managed B/run"));
        foreach (var r in report.Results)
        {
            var l = r.Latency;
            string model = Markup.Escape(Path.GetFileName(r.Model)), batch = r.Batch?.ToString(Invariant) ?? "-";
            latency.AddRow(model, batch, Ms(l.P50), Ms(l.P90), Ms(l.P95), Ms(l.P99), Ms(l.P999), Ms(l.Max));
            resources.AddRow(model, batch, Markup.Escape(r.Provider.Replace("ExecutionProvider", "")),
                Ms(r.SessionCreationMilliseconds), Ms(r.FirstRunMilliseconds), r.RunsPerSecond.ToString("0.#", Invariant),
                r.ItemsPerSecond.ToString("0.#", Invariant), r.CpuPercent.ToString("0", Invariant),
                ByteSize.Format(r.PeakWorkingSetBytes), r.ManagedBytesPerRun.ToString("0.#", Invariant));
        }
        console.WriteTable(latency);
        console.WriteTable(resources);

        if (report.Comparisons.Count > 0)
        {
            var comparison = new Table().Title("Against the first model").AddColumns("Model", "Baseline", "Batch")
                .AddColumns(Right("p50 ratio"), Right("Throughput ratio"), Right("Creation ratio"));
            foreach (var c in report.Comparisons)
            {
                string ratio = c.LatencyRatio.ToString("0.00", Invariant) + "×";
                comparison.AddRow(Markup.Escape(Path.GetFileName(c.Model)), Markup.Escape(Path.GetFileName(c.Baseline)), c.Batch?.ToString(Invariant) ?? "-",
                    c.LatencyRatio > BenchmarkComparison.SlowerThreshold ? $"[red]{ratio}[/]" : $"[green]{ratio}[/]",
                    c.ThroughputRatio.ToString("0.00", Invariant) + "×", c.SessionCreationRatio.ToString("0.00", Invariant) + "×");
            }
            console.WriteTable(comparison);
        }
        foreach (var r in report.Results.Where(r => r.Profile is { Count: > 0 }))
        {
            var ops = new Table().Title($"Top operators of {Markup.Escape(Path.GetFileName(r.Model))} (ONNX Runtime profiler)")
                .AddColumns("Op", "Calls").AddColumns(Right("Total ms"), Right("Share"));
            foreach (var op in r.Profile!)
                ops.AddRow(Markup.Escape(op.OpType), op.Calls.ToString(Invariant), Ms(op.TotalMilliseconds), op.Percent.ToString("0.0", Invariant) + "%");
            console.WriteTable(ops);
        }
        foreach (var note in report.Results.SelectMany(r => r.Notes).Distinct()) Terminal.Note(note);
        foreach (var warning in report.Warnings) Terminal.Warning(warning);
    }

    public static void WriteCsv(string path, BenchmarkReport report)
    {
        var csv = new StringBuilder();
        csv.AppendLine("model,batch,provider,concurrency,create_ms,first_ms,p50_ms,p90_ms,p95_ms,p99_ms,p999_ms,max_ms,runs_per_s,items_per_s,cpu_percent,peak_working_set_bytes,managed_bytes_per_run");
        foreach (var r in report.Results)
        {
            var l = r.Latency;
            object[] cells = [Quote(r.Model), r.Batch?.ToString(Invariant) ?? "", r.Provider, r.Concurrency, r.SessionCreationMilliseconds, r.FirstRunMilliseconds,
                l.P50, l.P90, l.P95, l.P99, l.P999, l.Max, r.RunsPerSecond, r.ItemsPerSecond, r.CpuPercent, r.PeakWorkingSetBytes, r.ManagedBytesPerRun];
            csv.AppendLine(string.Join(",", cells.Select(c => Convert.ToString(c, Invariant))));
        }
        AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(csv.ToString())));
    }

    private static TableColumn Right(string header) => new TableColumn(header).RightAligned();

    private static string Ms(double value) => value.ToString(value < 10 ? "0.000" : "0.0", Invariant);

    private static string Quote(string value) => value.Contains(',') || value.Contains('"') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    /// <summary>Reports on the caller's thread (unlike <see cref="Progress{T}"/>, which posts elsewhere).</summary>
    private sealed class SyncProgress(Action<BenchmarkProgress> report) : IProgress<BenchmarkProgress>
    {
        public void Report(BenchmarkProgress value) => report(value);
    }
}
