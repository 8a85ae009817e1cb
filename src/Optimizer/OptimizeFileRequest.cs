using OnnxKit.Execution;
using OnnxKit.Reference;

namespace OnnxKit.Optimizer;

/// <summary>What <see cref="ModelFileOptimizer.Optimize"/> does with a model file: the optimization, how it is verified, where it goes.</summary>
public sealed record OptimizeFileRequest
{
    /// <summary>The model to optimize; never modified.</summary>
    public required string InputPath { get; init; }

    /// <summary>Where the optimized model is written (atomically), with its external data beside it when needed.</summary>
    public required string OutputPath { get; init; }

    /// <summary>The passes and float16 settings (verification is set up from the fields below).</summary>
    public OptimizeOptions Options { get; init; } = new();

    /// <summary>Random input sets to verify with; 0 skips verification.</summary>
    public int VerifyInputSets { get; init; } = 1;

    /// <summary>Verify after every pass that changed the model, undoing one that breaks it.</summary>
    public bool VerifyEachPass { get; init; }

    /// <summary>Inputs given as <c>NAME=FILE</c> (.npy or .pb), <c>NAME=VALUES</c> literals or a .npz archive (see <see cref="InputArguments"/>); the rest are random.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>Sizes for symbolic dims of random inputs.</summary>
    public ShapeOverrides Shapes { get; init; } = ShapeOverrides.None;

    /// <summary>Seed of the random inputs.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Runs the original and optimized models for verification: the reference evaluator unless the
    /// caller composes another (the CLI gives ONNX Runtime, falling back to the reference evaluator,
    /// as a <see cref="FallbackBackend"/>). A stateful backend such as that one serves one request.
    /// </summary>
    public IBackend VerificationBackend { get; init; } = new ReferenceBackend();

    /// <summary>
    /// Run float16 models and the original they are compared with: the first that can run the original
    /// is the target, the rest give second opinions, and the conversion (and a mixed-precision search)
    /// must agree on all. The reference evaluator alone unless the caller composes more (the CLI gives
    /// ONNX Runtime as deployed, then the reference evaluator, which computes float16 operators in float16).
    /// </summary>
    public IReadOnlyList<IBackend> Float16VerificationBackends { get; init; } = [new ReferenceBackend()];

    /// <summary>
    /// Write the optimized model even when verification could not run, or the float32 optimized model when the
    /// requested float16 conversion failed verification and was undone; by default nothing is written then.
    /// </summary>
    public bool KeepOnFailure { get; init; }

    /// <summary>How close float32 outputs must stay.</summary>
    public Tolerance Tolerance { get; init; } = Tolerance.Float32;

    /// <summary>
    /// The resource limits: the model must pass <see cref="OnnxKit.Checker.ModelGuard"/> under them before any
    /// work, and given inputs may be no larger than <see cref="OnnxKit.Security.ResourceLimits.MaxTensorBytes"/>.
    /// </summary>
    public OnnxKit.Security.ResourceLimits Limits { get; init; } = OnnxKit.Security.ResourceLimits.Default;
}
