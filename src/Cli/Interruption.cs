using System.Runtime.InteropServices;
using OnnxKit.Serialization;

namespace OnnxKit.Cli;

/// <summary>
/// The one process-wide path for Ctrl+C (SIGINT) and SIGTERM. The first signal cancels <see cref="Token"/>;
/// a command that can stop gracefully (<see cref="CommandAction.SetCancellable"/>) observes it, reports what it
/// finished and returns, and the process exits with 130 (SIGINT) or 143 (SIGTERM). A command that cannot stop,
/// a second signal, or a graceful stop that takes longer than <see cref="Grace"/> ends the process at once,
/// after removing the temporary files of unfinished writes (<see cref="AtomicFile.DiscardPending"/>).
/// </summary>
/// <remarks>
/// There is exactly one handler per signal: System.CommandLine's own termination handling is turned off
/// (<see cref="System.CommandLine.InvocationConfiguration.ProcessTerminationTimeout"/> is null). With two
/// handlers the runtime ran them one after the other on one thread, System.CommandLine's blocking until
/// the command ended or 10 s passed, so the temporary-file cleanup ran late, after the command had returned,
/// or, when a loaded machine made the command slower than 10 s, concurrently with the command still
/// writing its report, which it then refused or deleted.
/// </remarks>
internal static class Interruption
{
    /// <summary>How long a command that stops gracefully has, after the first signal, to report and return.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private static readonly Lock Gate = new();
    private static readonly CancellationTokenSource Source = new();
    private static readonly ManualResetEventSlim Finished = new();
    private static PosixSignalRegistration[]? registrations;
    private static int signals;
    private static int exitCode = ExitCodes.Interrupted;
    private static volatile bool gracefulCommandRunning;

    /// <summary>Cancelled by the first SIGINT or SIGTERM.</summary>
    public static CancellationToken Token => Source.Token;

    /// <summary>True once a signal asked the process to stop.</summary>
    public static bool Requested => Source.IsCancellationRequested;

    /// <summary>The exit code of an interrupted run: 130 after SIGINT, 143 after SIGTERM.</summary>
    public static int ExitCode => Volatile.Read(ref exitCode);

    /// <summary>
    /// Installs the handlers before anything else runs; disposing the result removes them, so a process that runs the
    /// tool in-process (the tests) gets its own Ctrl+C handling back afterwards.
    /// </summary>
    public static IDisposable Install()
    {
        lock (Gate)
        {
            registrations ??=
            [
                PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
                PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            ];
            return new Installed();
        }
    }

    /// <summary>Removes the handlers when disposed.</summary>
    private sealed class Installed : IDisposable
    {
        public void Dispose()
        {
            lock (Gate)
            {
                foreach (var registration in registrations ?? []) registration.Dispose();
                registrations = null;
            }
        }
    }

    /// <summary>
    /// Runs a command that stops gracefully when <see cref="Token"/> is cancelled. A signal that arrived before
    /// it started finds the token already cancelled.
    /// </summary>
    public static int RunGraceful(Func<CancellationToken, int> command)
    {
        gracefulCommandRunning = true;
        try
        {
            return command(Token);
        }
        finally
        {
            Finished.Set();
        }
    }

    /// <summary>
    /// The process exit code once the command returned <paramref name="commandExitCode"/>: unchanged unless a
    /// signal came, and then the interrupted code unless the command failed; what unfinished writes left is removed.
    /// </summary>
    public static int Complete(int commandExitCode)
    {
        if (!Requested) return commandExitCode;
        AtomicFile.DiscardPending();
        return commandExitCode == ExitCodes.Ok ? ExitCode : commandExitCode;
    }

    private static void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // the process ends through the command's return (or EndNow), never half-way through a write
        if (Interlocked.Increment(ref signals) > 1)
        {
            EndNow("interrupted again: stopped at once.");
            return;
        }
        Volatile.Write(ref exitCode, context.Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted);
        Source.Cancel();
        if (!gracefulCommandRunning)
        {
            EndNow(null);
            return;
        }
        // This runs on the runtime's dedicated signal thread, not the thread pool, so a starved pool cannot delay it.
        if (!Finished.Wait(Grace))
            EndNow($"interrupted: the command did not stop within {Grace.TotalSeconds:0} s; stopped at once.");
    }

    /// <summary>Removes the temporary files of unfinished writes and ends the process with the interrupted exit code.</summary>
    private static void EndNow(string? message)
    {
        AtomicFile.DiscardPending();
        if (message is not null) Console.Error.WriteLine(message);
        AbandonedWork.Note();
        AbandonedWork.End(ExitCode);
        Environment.Exit(ExitCode); // Windows, where End returns
    }
}
