using System.Globalization;
using OnnxKit.Inspection;
using OnnxKit.Optimizer;
using OnnxKit.Optimizer.Passes;
using Spectre.Console;

namespace OnnxKit.Cli.Rendering;

/// <summary>Tables for <c>onnxkit optimize</c>: before/after sizes, passes, float16, verification.</summary>
internal static class OptimizationRenderer
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void RenderPassList(IReadOnlyList<PassInfo> passes)
    {
        var table = new Table().AddColumn("Pass").AddColumn("Level").AddColumn("What it does");
        foreach (var pass in passes) table.AddRow(Markup.Escape(pass.Name), pass.Level.ToString().ToLowerInvariant(), Markup.Escape(pass.Description));
        AnsiConsole.Console.WriteTable(table);
    }

    public static void Render(FileOptimizationReport result)
    {
        var console = AnsiConsole.Console;
        var report = result.Optimization;
        var (before, after) = (report.Before, report.After);

        var sizes = new Table().Title("Before and after").AddColumn("Operator")
            .AddColumn(new TableColumn("Before").RightAligned()).AddColumn(new TableColumn("After").RightAligned()).AddColumn(new TableColumn("Change").RightAligned());
        foreach (var op in before.Ops.Keys.Union(after.Ops.Keys).OrderByDescending(o => before.Ops.GetValueOrDefault(o)).ThenBy(o => o, StringComparer.Ordinal))
        {
            int b = before.Ops.GetValueOrDefault(op), a = after.Ops.GetValueOrDefault(op);
            sizes.AddRow(Markup.Escape(op), Count(b), Count(a), Delta(a - b));
        }
        sizes.AddEmptyRow();
        sizes.AddRow("[bold]Nodes[/]", Count(before.Nodes), Count(after.Nodes), Delta(after.Nodes - before.Nodes));
        sizes.AddRow("[bold]Parameters[/]", Count(before.Parameters), Count(after.Parameters), Delta(after.Parameters - before.Parameters));
        sizes.AddRow("[bold]Weight bytes[/]", ByteSize.Format(before.ParameterBytes), ByteSize.Format(after.ParameterBytes), Ratio(after.ParameterBytes, before.ParameterBytes));
        sizes.AddRow("[bold]File size[/]", ByteSize.Format(result.InputFileBytes), ByteSize.Format(result.OutputFileBytes), Ratio(result.OutputFileBytes, result.InputFileBytes));
        console.WriteTable(sizes);

        var passes = new Table().Title($"Passes ({report.Iterations} iteration(s), {(report.Converged ? "fixed point reached" : "no fixed point")})")
            .AddColumn("Pass").AddColumn(new TableColumn("Changed in").RightAligned()).AddColumn(new TableColumn("Nodes").RightAligned()).AddColumn(new TableColumn("Time").RightAligned());
        foreach (var group in report.Runs.GroupBy(r => r.Pass))
        {
            int changes = group.Count(r => r.Modified);
            int removed = group.Where(r => r.Modified).Sum(r => r.NodesAfter - r.NodesBefore);
            double ms = group.Sum(r => r.Elapsed.TotalMilliseconds);
            passes.AddRow(Markup.Escape(group.Key), changes == 0 ? "-" : $"{changes} iter.", removed == 0 ? "-" : Delta(removed), ms.ToString("0.0", Invariant) + " ms");
        }
        console.WriteTable(passes);
        foreach (var rejected in report.Rejected)
            console.MarkupLine($"[red]Undone:[/] pass {Markup.Escape(rejected.Pass)} (iteration {rejected.Iteration}) changed the outputs: {Markup.Escape(rejected.RejectedBecause!)}");

        if (report.Float16 is { } f16)
        {
            var r = f16.Report;
            console.MarkupLine($"[bold]Float16[/]: {r.ConvertedNodes} nodes converted, {r.KeptNodes.Count} kept in float32, {r.ConvertedConstants} constants converted " +
                $"({ByteSize.Format(r.Float32BytesBefore)} of float32 data), {r.CastsInserted} casts inserted, {r.CastsRetargeted} casts retargeted.");
            foreach (var kept in r.KeptNodes.Take(15)) console.MarkupLine($"  kept float32: {Markup.Escape(kept.Node)} ({Markup.Escape(kept.OpType)}): {Markup.Escape(kept.Reason)}");
            if (r.KeptNodes.Count > 15) console.MarkupLine($"  ... and {r.KeptNodes.Count - 15} more (see --report).");
            foreach (var c in r.Clamped)
                console.MarkupLine($"  [yellow]clamped[/] {Markup.Escape(c.Name)}: {c.TooLarge} value(s) beyond ±65504, {c.TooSmall} non-zero value(s) below 2^-24 (of {c.Elements}; largest |v| {c.LargestMagnitude:G4})");
            if (f16.MixedPrecision is { } search)
            {
                console.MarkupLine(search.Float32Nodes.Count == 0 ? $"  mixed precision: every node converts within tolerance ({search.Trials} trial(s))."
                    : $"  mixed precision: {search.Float32Nodes.Count} node(s) must stay float32 ({search.Trials} trials): {Markup.Escape(string.Join(", ", search.Float32Nodes))}");
                if (search.HeldOutSets > 0)
                    console.MarkupLine(search.SearchedAgain ? $"  mixed precision: the first result, searched on the target backend, missed on a second opinion or on {search.HeldOutSets} held-out input set(s); searched again with every backend on every set."
                        : $"  mixed precision: the result also holds on {search.HeldOutSets} held-out input set(s).");
            }
            if (f16.NanScanRan)
                console.MarkupLine(f16.FirstNonFinite is { } nan
                    ? $"  [yellow]NaN/Inf scan[/]: first at {Markup.Escape(nan.Node)} ({Markup.Escape(nan.OpType)}), output {Markup.Escape(nan.Output)}: {nan.NaNs} NaN, {nan.Infinities} infinite of {nan.Elements}"
                    : "  NaN/Inf scan: every layer's output is finite.");
        }

        if (report.Verification is { } v)
            console.MarkupLine(v.NotRunBecause is not null ? $"[yellow]Not verified[/]: {Markup.Escape(v.NotRunBecause)}"
                : v.Passed && v.Caveats.Count > 0 ? $"[yellow]Verified, but weakly[/]: {Markup.Escape(v.Summary)} (give real inputs with --input or sizes with --shape)"
                : v.Passed ? $"[green]Verified[/]: {Markup.Escape(v.Summary)}" : $"[red]Verification failed[/]: {Markup.Escape(v.Summary)}");
        else console.MarkupLine("[yellow]Not verified[/] (--verify 0).");
        foreach (var note in result.Notes) console.MarkupLine($"[grey]note[/]: {Markup.Escape(note)}");
        foreach (var warning in report.Warnings) console.MarkupLine($"[yellow]warning[/]: {Markup.Escape(warning)}");
        console.MarkupLine(result.Written ? $"Wrote [bold]{Markup.Escape(result.OutputPath)}[/] ({ByteSize.Format(result.OutputFileBytes)})."
            : result.NotVerified ? $"[red]Nothing written[/] to {Markup.Escape(result.OutputPath)}: it could not be verified. Give the inputs it needs (--input NAME=FILE|VALUES, --shape), or --verify 0 or --keep-on-failure to write it unverified."
            : $"[red]Nothing written[/] to {Markup.Escape(result.OutputPath)} (--keep-on-failure writes the float32 optimized model).");
    }

    private static string Count(long n) => n.ToString("N0", Invariant);

    private static string Delta(long d) => d == 0 ? "" : d > 0 ? $"+{d.ToString("N0", Invariant)}" : d.ToString("N0", Invariant);

    private static string Ratio(long after, long before) => before == 0 ? "" : $"×{((double)after / before).ToString("0.00", Invariant)}";
}
