using System.CommandLine;
using OnnxKit.Cli.Commands;

namespace OnnxKit.Cli;

/// <summary>Assembles the <c>onnxkit</c> command tree and runs it.</summary>
internal static class CliApplication
{
    /// <summary>Shows stack traces for unexpected errors.</summary>
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show details of unexpected errors (stack traces).",
        Recursive = true,
    };

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("OnnxKit: export, check, optimize, run, bench and view ONNX models without leaving .NET.")
        {
            Verbose,
            InspectCommand.Create(),
            CheckCommand.Create(),
            ConformanceCommand.Create(),
            ExportCommand.Create(),
            OptimizeCommand.Create(),
            QuantizeCommand.Create(),
            ConvertCommand.Create(),
            RunCommand.Create(),
            BenchCommand.Create(),
            EvalCommand.Create(),
            SummaryCommand.Create(),
            ViewCommand.Create(),
            DemoCommand.Create(),
            TrainCommand.Create(),
            DistillCommand.Create(),
            DistillPrepCommand.Create(),
            SoftTargetsCommand.Create(),
        };
        return root;
    }

    public static int Run(string[] args)
    {
        using var signals = Interruption.Install();
        Rendering.Terminal.ConfigureStandardOutput();
        var parse = BuildRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
            Console.Error.WriteLine("Run 'onnxkit --help' for usage.");
            return ExitCodes.Usage;
        }
        // Ctrl+C and SIGTERM go through Interruption alone: System.CommandLine's own handler would be a second one.
        int code = parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        return Interruption.Complete(code);
    }
}
