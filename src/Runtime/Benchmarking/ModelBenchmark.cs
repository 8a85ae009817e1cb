using System.Diagnostics;
using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Runtime.Benchmarking;

/// <summary>
/// Measures one model on ONNX Runtime: session creation, the first run, then timed runs
/// through allocation-free <see cref="SessionBinding"/>s (one per concurrent caller) over
/// the inputs given with <c>--input</c> and seeded random tensors for the rest. Timing uses <see cref="Stopwatch"/> timestamps kept in arrays
/// allocated before the timed phase, so measuring adds no managed allocation of its own;
/// managed bytes per run are each caller thread's allocations during its timed runs.
/// </summary>
public static class ModelBenchmark
{
    /// <summary>
    /// Opens a session of <paramref name="modelPath"/> and runs it once, untimed and thrown away, so
    /// the process's one-time costs (ONNX Runtime's environment and provider start-up, JIT of the
    /// session and run paths) are not charged to whichever model is measured first; without it the
    /// first model's session creation and first run look slower than the variants after it.
    /// </summary>
    internal static void WarmUp(string modelPath, BenchmarkOptions options)
    {
        using var session = OnnxSession.Open(modelPath, options.Session with { ProfilePrefix = null });
        var given = GivenInputs(session, options);
        var random = RandomTensors.ForInputs(session.Inputs.Where(s => !given.ContainsKey(s.Name)).ToList(), options.Shapes, seed: 0, notes: new List<string>());
        session.Run(given.Concat(random).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
    }

    /// <summary>
    /// Benchmarks <paramref name="modelPath"/> at each batch size of <paramref name="options"/>. Cancelling
    /// stops the measurement: the batch size being measured is reported over the runs timed so far
    /// (with a note saying so) and later ones are skipped; cancelling before any timed run throws.
    /// </summary>
    public static IReadOnlyList<BenchmarkResult> Run(string modelPath, BenchmarkOptions options,
        IProgress<BenchmarkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        string? profilePrefix = options.Profile ? Path.Combine(Path.GetTempPath(), $"onnxkit-profile-{Guid.NewGuid():N}") : null;
        var settings = options.Session with { ProfilePrefix = profilePrefix ?? options.Session.ProfilePrefix };
        var clock = Stopwatch.StartNew();
        using var session = OnnxSession.Open(modelPath, settings);
        double creation = clock.Elapsed.TotalMilliseconds;
        // Bound runs share the session's run options: cancelling sets ONNX Runtime's terminate flag,
        // so a run that hangs (a loop whose length is only known at run time) stops with the benchmark.
        using var stop = cancellationToken.Register(() => session.SharedRunOptions.Terminate = true);

        var given = GivenInputs(session, options);
        var results = new List<BenchmarkResult>();
        var batches = options.BatchSizes.Count == 0 ? [null] : options.BatchSizes.Select(b => (int?)b).ToArray();
        foreach (int? batch in batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var notes = new List<string>(session.ProviderNotes.Select(n => $"skipped {n}"));
            var shapes = InputShapes(session, options.Shapes, given, batch, notes);
            Measurement measurement;
            try
            {
                measurement = Measure(session, shapes, given, options, batch, progress, cancellationToken);
            }
            catch (OnnxKitException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken); // ONNX Runtime reports a run it terminated as a failure
            }
            bool interrupted = cancellationToken.IsCancellationRequested;
            if (interrupted) notes.Add($"interrupted after {measurement.Latencies.Length} timed runs: the figures cover those runs only");
            IReadOnlyList<OpTime>? profile = null;
            if (profilePrefix is not null && batch == batches[^1])
            {
                string? trace = session.EndProfiling();
                if (trace is not null)
                {
                    profile = ProfileReader.TopOperators(trace, options.ProfileTop);
                    File.Delete(trace);
                }
                notes.Add("profiling was on: latencies include the profiler's overhead");
            }
            int items = batch ?? 1;
            results.Add(new BenchmarkResult(
                modelPath, batch, shapes.Select(s => $"{s.Key}={string.Join("x", s.Value)}").ToArray(),
                ExecutionProviders.OrtName(session.Provider), options.Concurrency, creation, measurement.FirstRun,
                LatencyStatistics.From(measurement.Latencies), measurement.RunsPerSecond, measurement.RunsPerSecond * items,
                measurement.CpuPercent, Process.GetCurrentProcess().PeakWorkingSet64, measurement.ManagedBytesPerRun, profile, notes));
            if (interrupted) break;
        }
        return results;
    }

    /// <summary>The inputs <see cref="BenchmarkOptions.Inputs"/> gives, read and checked against the session's inputs.</summary>
    private static Dictionary<string, ITensor> GivenInputs(OnnxSession session, BenchmarkOptions options) =>
        InputArguments.Read(options.Inputs, session.ModelName, session.Inputs, options.Shapes, options.Session.Limits);

    private static Dictionary<string, long[]> InputShapes(OnnxSession session, ShapeOverrides overrides, Dictionary<string, ITensor> given, int? batch, List<string> notes)
    {
        overrides.CheckNames(session.Inputs);
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var spec in session.Inputs)
        {
            if (given.TryGetValue(spec.Name, out var value))
            {
                if (batch is int size && (value.Dims.Count == 0 || value.Dims[0] != size))
                    throw new OnnxKitException($"Input '{spec.Name}' is given with --input as {TensorDims.Format(value.Dims)}; it cannot run at --batch {size}.");
                shapes[spec.Name] = value.Dims.ToArray();
                continue;
            }
            var resolveNotes = new List<string>();
            long[] dims = overrides.Resolve(spec, resolveNotes);
            if (batch is int b)
            {
                if (dims.Length == 0) throw new OnnxKitException($"Input '{spec.Name}' is a scalar; --batch cannot apply to it.");
                if (spec.Shape?[0].Value is long fixedBatch && fixedBatch != b)
                    throw new OnnxKitException($"Model '{session.ModelName}' fixes the first dim of input {spec} at {fixedBatch}; it cannot run at --batch {b}.");
                dims[0] = b;
                resolveNotes.RemoveAll(n => n.Contains("dim 0 ", StringComparison.Ordinal) || (spec.Shape?[0].Symbol is { } s && n.Contains($"dim '{s}'", StringComparison.Ordinal)));
            }
            notes.AddRange(resolveNotes);
            shapes[spec.Name] = dims;
        }
        return shapes;
    }

    private sealed record Measurement(double FirstRun, double[] Latencies, double RunsPerSecond, double CpuPercent, double ManagedBytesPerRun);

    private static Measurement Measure(OnnxSession session, Dictionary<string, long[]> shapes, Dictionary<string, ITensor> given, BenchmarkOptions options, int? batch,
        IProgress<BenchmarkProgress>? progress, CancellationToken cancellationToken)
    {
        var random = new Random(options.Seed);
        var inputs = session.Inputs.ToDictionary(s => s.Name, s => given.TryGetValue(s.Name, out var value) ? value
            : RandomTensors.Create(s.ElementType, shapes[s.Name], random, s.Name, options.Session.Limits));
        var callers = new Caller[options.Concurrency];
        try
        {
            for (int i = 0; i < callers.Length; i++) callers[i] = new Caller(session.Bind(shapes), inputs, options);
            long start = Stopwatch.GetTimestamp();
            callers[0].Binding.Run();
            double firstRun = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            foreach (var caller in callers)
            {
                if (!caller.Binding.OutputsBound) caller.Binding.Run();
            }

            var shared = new SharedCounter(options);
            using var ready = new Barrier(callers.Length + 1);
            var threads = callers.Select(c => new Thread(() => c.Loop(shared, ready, cancellationToken)) { IsBackground = true, Name = "onnxkit-bench" }).ToArray();
            foreach (var thread in threads) thread.Start();
            ready.SignalAndWait(cancellationToken); // every caller warmed up
            var process = Process.GetCurrentProcess();
            TimeSpan cpuBefore = process.TotalProcessorTime;
            long wallStart = Stopwatch.GetTimestamp();
            shared.Start(wallStart);
            ready.SignalAndWait(cancellationToken); // go
            while (!threads.All(t => t.Join(200)))
            {
                progress?.Report(new BenchmarkProgress(session.ModelName, batch, shared.Fraction(Stopwatch.GetTimestamp())));
            }
            double wall = Stopwatch.GetElapsedTime(wallStart).TotalSeconds;
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            progress?.Report(new BenchmarkProgress(session.ModelName, batch, 1));
            // A run stopped by cancellation (ONNX Runtime's terminate flag) is not a failure of the model.
            if (!cancellationToken.IsCancellationRequested) foreach (var caller in callers) caller.Failure?.Throw();

            // Cancelled mid-measurement (Ctrl+C): keep the runs timed so far; with none, there is nothing to report.
            double[] latencies = callers.SelectMany(c => c.Latencies()).ToArray();
            if (latencies.Length == 0) cancellationToken.ThrowIfCancellationRequested();
            if (latencies.Length == 0) throw new OnnxKitException("The benchmark finished without a timed run.");
            long allocated = callers.Sum(c => c.AllocatedBytes);
            return new Measurement(firstRun, latencies, latencies.Length / wall, 100 * cpu / wall / Environment.ProcessorCount,
                (double)allocated / latencies.Length);
        }
        finally
        {
            foreach (var caller in callers) caller?.Binding.Dispose();
        }
    }

    /// <summary>The run budget the callers share: a count of runs, or a deadline.</summary>
    private sealed class SharedCounter(BenchmarkOptions options)
    {
        private long claimed;
        private long deadline = long.MaxValue;

        public void Start(long now)
        {
            if (options.Duration is { } d) deadline = now + (long)(d.TotalSeconds * Stopwatch.Frequency);
        }

        /// <summary>True while another run may start.</summary>
        public bool TryClaim(long now) => options.Duration is null
            ? Interlocked.Increment(ref claimed) <= options.Iterations
            : now < Volatile.Read(ref deadline);

        public double Fraction(long now) => options.Duration is { } d
            ? Math.Clamp(1 - (deadline - now) / (d.TotalSeconds * Stopwatch.Frequency), 0, 1)
            : Math.Clamp((double)Interlocked.Read(ref claimed) / options.Iterations, 0, 1);
    }

    /// <summary>One concurrent caller: its binding and its preallocated latency record.</summary>
    private sealed class Caller
    {
        private readonly long[] timestamps;
        private readonly int warmup;
        private int count;

        public Caller(SessionBinding binding, IReadOnlyDictionary<string, ITensor> inputs, BenchmarkOptions options)
        {
            Binding = binding;
            foreach (var (name, tensor) in inputs) binding.SetInput(name, tensor);
            timestamps = new long[options.Duration is null ? Math.Min(options.Iterations, BenchmarkOptions.MaxRunsPerCaller) : BenchmarkOptions.MaxRunsPerCaller];
            warmup = options.Warmup;
        }

        public SessionBinding Binding { get; }

        public long AllocatedBytes { get; private set; }

        public System.Runtime.ExceptionServices.ExceptionDispatchInfo? Failure { get; private set; }

        public void Loop(SharedCounter shared, Barrier ready, CancellationToken cancellationToken)
        {
            try
            {
                for (int i = 0; i < warmup; i++) Binding.Run();
                ready.SignalAndWait(cancellationToken);
                ready.SignalAndWait(cancellationToken);
                long before = GC.GetAllocatedBytesForCurrentThread();
                while (count < timestamps.Length && !cancellationToken.IsCancellationRequested)
                {
                    long start = Stopwatch.GetTimestamp();
                    if (!shared.TryClaim(start)) break;
                    Binding.Run();
                    timestamps[count++] = Stopwatch.GetTimestamp() - start;
                }
                AllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - before;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
                ready.RemoveParticipant();
            }
            catch (OperationCanceledException)
            {
            }
        }

        public IEnumerable<double> Latencies() => timestamps.Take(count).Select(t => t * 1000.0 / Stopwatch.Frequency);
    }
}
