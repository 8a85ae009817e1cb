using OnnxKit.Execution;
using OnnxKit.Reference;
using OnnxKit.Runtime;

namespace OnnxKit.Cli;

/// <summary>Chooses and composes the execution backends the commands run models on.</summary>
internal static class Backends
{
    /// <summary>Opens a model on the backend named by <c>--backend</c>, reporting which provider ONNX Runtime chose.</summary>
    public static IModelBackend Open(BackendKind backend, string modelPath, SessionSettings settings)
    {
        if (backend == BackendKind.Reference) return new ReferenceBackend(settings.Limits).Open(modelPath);
        var session = OnnxSession.Open(modelPath, settings);
        RuntimeArguments.ReportProviderChoice(session, settings.Provider);
        return session;
    }

    /// <summary>
    /// The backend <c>--backend</c> names: ONNX Runtime (default settings) or the reference evaluator. ONNX Runtime's
    /// refusals of unimplemented or too-new operators surface as <see cref="UnsupportedFeatureException"/> (see <see cref="OnnxRuntimeBackend"/>).
    /// </summary>
    public static IBackend For(BackendKind backend) => backend == BackendKind.Reference ? new ReferenceBackend() : new OnnxRuntimeBackend();

    /// <summary>
    /// The backend optimizations are verified on: ONNX Runtime on the CPU with its own graph
    /// optimizations off, and the reference evaluator for models ONNX Runtime cannot run. A new
    /// one per optimization, as the first model it runs decides for the rest. When <paramref name="verifies"/>, ONNX Runtime
    /// starts loading in the background now, so that it is ready when the first verification run needs it; a command that
    /// will not verify (<c>--verify 0</c>) passes false and never loads it.
    /// </summary>
    public static IBackend ForVerification(OnnxKit.Security.ResourceLimits? limits = null, bool verifies = true)
    {
        if (verifies) OnnxRuntimeBackend.StartLoading();
        return new FallbackBackend(OnnxRuntimeBackend.AsWritten, new ReferenceBackend(limits));
    }

    /// <summary>
    /// The backends float16 conversions are verified on, in order: ONNX Runtime's CPU provider as
    /// deployed (graph optimizations on), the target, then the reference evaluator as a second opinion,
    /// since it computes float16 operators in float16 where ONNX Runtime's CPU provider computes many in
    /// float32. A conversion must hold on each that can run the original.
    /// </summary>
    public static IReadOnlyList<IBackend> ForFloat16Verification() => [new OnnxRuntimeBackend(), new ReferenceBackend()];
}
