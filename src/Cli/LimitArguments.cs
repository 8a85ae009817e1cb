using System.CommandLine;
using System.Globalization;
using OnnxKit.Security;

namespace OnnxKit.Cli;

/// <summary>
/// The options that raise the <see cref="ResourceLimits"/> (docs/security.md): <c>--max-tensor-bytes</c>,
/// <c>--max-nodes</c>, <c>--max-loop-iterations</c> and, for commands that run models, <c>--timeout</c>.
/// </summary>
internal sealed class LimitArguments
{
    private static readonly ResourceLimits Defaults = ResourceLimits.Default;

    private readonly Option<string?> tensorBytes = new("--max-tensor-bytes")
    {
        Description = $"Largest tensor created in memory or written, e.g. 4GiB (default {ByteSize.Format(Defaults.MaxTensorBytes)}).",
    };

    private readonly Option<long> nodes = CliArguments.Bounded(new Option<long>("--max-nodes")
    {
        Description = $"Most nodes a model may have once its functions are inlined (default {Defaults.MaxNodesAfterInlining:N0}).",
        DefaultValueFactory = _ => Defaults.MaxNodesAfterInlining,
    }, 1, long.MaxValue);

    private readonly Option<long> loopIterations = CliArguments.Bounded(new Option<long>("--max-loop-iterations")
    {
        Description = $"Most iterations one Loop or Scan may run (default {Defaults.MaxLoopIterations:N0}).",
        DefaultValueFactory = _ => Defaults.MaxLoopIterations,
    }, 1, long.MaxValue);

    private readonly Option<double> timeout = CliArguments.Bounded(new Option<double>("--timeout")
    {
        Description = $"Seconds a run may take before it is stopped, up to 30 days; 0 for no limit (default {Defaults.RunTimeout.TotalSeconds:0}).",
        DefaultValueFactory = _ => Defaults.RunTimeout.TotalSeconds,
    }, 0, MaxTimeoutSeconds);

    private readonly bool runs;

    /// <param name="runs">Whether the command runs models, so that <c>--timeout</c> applies.</param>
    public LimitArguments(bool runs)
    {
        this.runs = runs;
        tensorBytes.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && (!ByteSize.TryParse(text, out long bytes) || bytes < 1))
                result.AddError($"--max-tensor-bytes '{text}' is not a byte count such as 4294967296, 512MiB or 4GiB.");
        });
    }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(tensorBytes);
        command.Options.Add(nodes);
        command.Options.Add(loopIterations);
        if (runs) command.Options.Add(timeout);
    }

    /// <summary>The limits the options describe.</summary>
    public ResourceLimits Limits(ParseResult parse)
    {
        long bytes = parse.GetValue(tensorBytes) is { } text && ByteSize.TryParse(text, out long parsed) ? parsed : Defaults.MaxTensorBytes;
        double seconds = runs ? parse.GetValue(timeout) : Defaults.RunTimeout.TotalSeconds;
        return new ResourceLimits
        {
            MaxTensorBytes = bytes,
            MaxNodesAfterInlining = parse.GetValue(nodes),
            MaxLoopIterations = parse.GetValue(loopIterations),
            RunTimeout = seconds == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(seconds),
        };
    }

    /// <summary>
    /// Runs <paramref name="work"/> with a token cancelled by <paramref name="interrupt"/> (Ctrl+C) or after the
    /// limits' run timeout (plus <paramref name="extra"/>, for work meant to take a while, such as a timed
    /// benchmark). Work that honours the token stops by itself; work stuck where no token reaches (ONNX Runtime
    /// building a session from a model whose functions inline to hundreds of thousands of nodes) is abandoned
    /// a few seconds after the time limit, since the command ends with the error and takes it down (an interrupted one is ended by <see cref="Interruption"/>). A run stopped by the time
    /// limit is reported as a <see cref="ResourceLimitException"/> naming <c>--timeout</c>; an interrupted one as cancelled.
    /// </summary>
    public static T WithTimeout<T>(ResourceLimits limits, string what, CancellationToken interrupt, Func<CancellationToken, T> work, TimeSpan extra = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        // A timer reaches about 49 days at most; a limit beyond that (a long --duration over many batches) is no limit.
        if (limits.RunTimeout != Timeout.InfiniteTimeSpan && limits.RunTimeout.TotalMilliseconds + extra.TotalMilliseconds < MaxTimerMilliseconds)
            deadline.CancelAfter(limits.RunTimeout + extra);
        var task = Task.Factory.StartNew(() => work(deadline.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            Task.WhenAny(task, Task.Delay(Timeout.Infinite, deadline.Token)).Wait();
            // Interrupted (Ctrl+C): the work stops cooperatively and reports what it finished; Interruption ends
            // the process if that takes too long. Past the time limit: give the work a moment to stop, then abandon
            // it; it may be writing a file, so its temporary files go (the command is about to end).
            if (interrupt.IsCancellationRequested) Task.WhenAny(task).Wait();
            else if (!task.IsCompleted && !Task.WhenAny(task, Task.Delay(AbandonAfter)).Result.Equals(task))
            {
                OnnxKit.Serialization.AtomicFile.DiscardPending();
                AbandonedWork.Note();
                throw new OperationCanceledException(deadline.Token);
            }
            var result = task.GetAwaiter().GetResult();
            // Work that stops early and keeps what it did (bench keeps the runs it timed) says why it stopped.
            if (deadline.IsCancellationRequested && !interrupt.IsCancellationRequested)
                Console.Error.WriteLine($"note: {what} reached its time limit of {Seconds(limits.RunTimeout + extra)} s and stopped early (raise it with --timeout).");
            return result;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !interrupt.IsCancellationRequested)
        {
            throw new ResourceLimitException(
                $"{what} was stopped after {Seconds(limits.RunTimeout + extra)} s", "--timeout");
        }
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The longest delay a <see cref="CancellationTokenSource"/> timer accepts.</summary>
    private const double MaxTimerMilliseconds = uint.MaxValue - 1.0;

    /// <summary>The largest <c>--timeout</c>: 30 days (0 means no limit).</summary>
    private const double MaxTimeoutSeconds = 30 * 24 * 3600;

    /// <summary>How long work that ignores cancellation gets to stop before it is abandoned.</summary>
    private static readonly TimeSpan AbandonAfter = TimeSpan.FromSeconds(3);
}
