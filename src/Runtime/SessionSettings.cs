namespace OnnxKit.Runtime;

/// <summary>
/// How an <see cref="OnnxSession"/> is created: the execution provider and ONNX Runtime's
/// session options, in OnnxKit's own names. The defaults are ONNX Runtime's.
/// </summary>
public sealed record SessionSettings
{
    /// <summary>
    /// The most threads ONNX Runtime may be asked for, per pool. More threads than cores do not help,
    /// and ONNX Runtime crashes (SIGSEGV) creating a pool of 100,000.
    /// </summary>
    public const int MaxThreads = 256;

    /// <summary>The longest spin <see cref="IntraOpSpinMicroseconds"/> takes: one second.</summary>
    public const int MaxSpinMicroseconds = 1_000_000;

    /// <summary>
    /// A spin for callers that work between runs and after the last (evaluation): it bridges the gap from one batch's run
    /// to the next, tens of microseconds, and frees the cores soon after the last run for the measures computed then.
    /// </summary>
    public const int ShortSpinMicroseconds = 200;

    /// <summary>
    /// The resource limits checked before the model reaches ONNX Runtime (<see cref="OnnxKit.Checker.ModelGuard"/>):
    /// loop lengths, function expansion, and the sizes of stacked loop outputs.
    /// </summary>
    public OnnxKit.Security.ResourceLimits Limits { get; init; } = OnnxKit.Security.ResourceLimits.Default;

    /// <summary>
    /// Where the session logs its creation (provider, time, providers it fell back from) and failed runs; nothing is
    /// logged when null. <see cref="Serving.InferenceEngine"/> passes its own logger when this is null.
    /// </summary>
    public Microsoft.Extensions.Logging.ILogger? Logger { get; init; }

    /// <summary>The execution provider; <see cref="ExecutionProviderKind.Auto"/> picks the fastest present.</summary>
    public ExecutionProviderKind Provider { get; init; } = ExecutionProviderKind.Cpu;

    /// <summary>Threads used inside one operator; 0 lets ONNX Runtime choose (one per physical core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>
    /// How long, in microseconds, ONNX Runtime's intra-op threads spin waiting for more work before they sleep; null keeps
    /// ONNX Runtime's own spin, a fixed count of pause loops that lasts about 40 ms after every run on a 2-core AMD EPYC,
    /// a core kept busy for nothing once the runs stop. Runs that follow one another closely (a loop over batches)
    /// find the threads still spinning either way; a bounded spin frees the cores soon after the last run.
    /// </summary>
    public int? IntraOpSpinMicroseconds { get; init; }

    /// <summary>Threads used to run independent operators with <see cref="GraphExecutionMode.Parallel"/>; 0 lets ONNX Runtime choose.</summary>
    public int InterOpThreads { get; init; }

    /// <summary>How much ONNX Runtime optimizes the graph.</summary>
    public OptimizationLevel OptimizationLevel { get; init; } = OptimizationLevel.All;

    /// <summary>Sequential or parallel execution of independent nodes.</summary>
    public GraphExecutionMode ExecutionMode { get; init; } = GraphExecutionMode.Sequential;

    /// <summary>Ask providers for deterministic kernels where they have them (GPU convolutions and reductions).</summary>
    public bool DeterministicCompute { get; init; }

    /// <summary>When set, ONNX Runtime's profiler writes a trace whose file name starts with this prefix.</summary>
    public string? ProfilePrefix { get; init; }

    /// <summary>Fixed sizes for symbolic dims (by symbol name, e.g. <c>batch</c> = 1), which lets ONNX Runtime plan memory statically.</summary>
    public IReadOnlyDictionary<string, long> FreeDimensionOverrides { get; init; } = new Dictionary<string, long>();

    /// <summary>When set, ONNX Runtime saves the model it optimized to this path (for inspection or faster later loads).</summary>
    public string? OptimizedModelPath { get; init; }

    /// <summary>CUDA provider settings (also used by TensorRT for the nodes it leaves to CUDA).</summary>
    public CudaSettings Cuda { get; init; } = new();

    /// <summary>TensorRT provider settings.</summary>
    public TensorRtSettings TensorRt { get; init; } = new();
}
