using OnnxKit.Execution;

namespace OnnxKit.Runtime.Benchmarking;

/// <summary>How <see cref="ModelBenchmark"/> measures a model.</summary>
public sealed record BenchmarkOptions
{
    /// <summary>Untimed runs before measuring (after the first run, which is timed on its own).</summary>
    public int Warmup { get; init; } = 10;

    /// <summary>Timed runs in all (shared by the concurrent callers); ignored when <see cref="Duration"/> is set.</summary>
    public int Iterations { get; init; } = 100;

    /// <summary>Measure for this long instead of a fixed number of runs.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Batch sizes to measure, each set on every input's first dim; empty to use the model's own (or <c>--shape</c>) shapes.</summary>
    public IReadOnlyList<int> BatchSizes { get; init; } = [];

    /// <summary>Callers running at once, each on its own binding over one shared session.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary><c>--input</c> arguments (see <see cref="InputArguments"/>): these inputs take the given values, the rest are random.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>Shapes for inputs with open dims.</summary>
    public ShapeOverrides Shapes { get; init; } = ShapeOverrides.None;

    /// <summary>The session's provider and options.</summary>
    public SessionSettings Session { get; init; } = new();

    /// <summary>Run ONNX Runtime's profiler and report the operators that took the most time (this slows the runs).</summary>
    public bool Profile { get; init; }

    /// <summary>How many operators the profile lists.</summary>
    public int ProfileTop { get; init; } = 10;

    /// <summary>Seed of the random inputs.</summary>
    public int Seed { get; init; }

    /// <summary>Most timed runs one caller records; a longer <see cref="Duration"/> stops there.</summary>
    public const int MaxRunsPerCaller = 1 << 20;

    internal void Validate()
    {
        if (Warmup < 0) throw new OnnxKitException("--warmup must be 0 or more.");
        if (Duration is null && Iterations < 1) throw new OnnxKitException("--iterations must be at least 1.");
        if (Duration is { } d && d <= TimeSpan.Zero) throw new OnnxKitException("--duration must be positive.");
        if (Concurrency < 1) throw new OnnxKitException("--concurrency must be at least 1.");
        if (BatchSizes.Any(b => b < 1)) throw new OnnxKitException("--batch sizes must be at least 1.");
    }
}
