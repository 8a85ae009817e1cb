namespace OnnxKit.Security;

/// <summary>
/// The one resource policy for untrusted models and inputs: how large a tensor may be, how many
/// nodes a model may expand to once its functions are inlined, how many iterations a loop may run,
/// and how long one run may take. The checker refuses models that exceed a limit statically; the
/// reference evaluator, ONNX Runtime runs, input readers and exports enforce them while working.
/// Every limit can be raised (the CLI's <c>--max-tensor-bytes</c>, <c>--max-nodes</c>,
/// <c>--max-loop-iterations</c> and <c>--timeout</c>); <c>docs/security.md</c> explains each.
/// </summary>
public sealed record ResourceLimits
{
    /// <summary>The defaults, sized so that a hostile model fails within seconds on a small machine.</summary>
    public static ResourceLimits Default { get; } = new();

    /// <summary>
    /// Bytes one tensor may occupy when it is created in memory (a generated or decoded input, an
    /// archive entry, a value the reference evaluator computes, the stacked outputs of a loop) or
    /// written by an export. Default 2 GiB, the most one .NET array of bytes can hold.
    /// </summary>
    public long MaxTensorBytes { get; init; } = 2L << 30;

    /// <summary>
    /// Nodes the main graph may count once every call of a model-local function is replaced by the
    /// function's body (recursively, subgraphs included). Default one million: large language models
    /// have tens of thousands; a few dozen functions that each call the previous one twice have 2^40.
    /// </summary>
    public long MaxNodesAfterInlining { get; init; } = 1_000_000;

    /// <summary>
    /// Iterations one Loop or Scan may run: a constant trip count above it, or a loop that can
    /// never stop, is refused by the checker; a loop that runs past it is stopped. Default ten million.
    /// </summary>
    public long MaxLoopIterations { get; init; } = 10_000_000;

    /// <summary>How long one run of a model may take before it is stopped; <see cref="Timeout.InfiniteTimeSpan"/> for no limit. Default ten minutes.</summary>
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Throws a <see cref="ResourceLimitException"/> when <paramref name="bytes"/> exceed <see cref="MaxTensorBytes"/>.</summary>
    /// <param name="bytes">The size of the tensor about to be created.</param>
    /// <param name="what">What the tensor is, for the message (e.g. <c>input 'x' float[100000,100000]</c>).</param>
    public void RequireTensorBytes(long bytes, string what)
    {
        if (bytes > MaxTensorBytes)
            throw new ResourceLimitException($"{what} needs {ByteSize.Format(bytes)}, more than the limit of {ByteSize.Format(MaxTensorBytes)} for one tensor",
                "--max-tensor-bytes");
    }
}
