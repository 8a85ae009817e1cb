using Microsoft.ML.OnnxRuntime;
using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Runtime;

/// <summary>
/// ONNX Runtime as an execution backend: prepares models into <see cref="OnnxSession"/>s created
/// with <see cref="Settings"/>. A model ONNX Runtime refuses for lacking something (a kernel, an
/// element type, an opset or IR version it does not know) is an <see cref="UnsupportedFeatureException"/>;
/// so is a non-tensor output, since sessions exchange tensors only. Stateless; one instance may be shared.
/// </summary>
public sealed class OnnxRuntimeBackend : IBackend
{
    /// <summary>Creates the backend; <paramref name="settings"/> defaults to the CPU provider with every graph optimization.</summary>
    public OnnxRuntimeBackend(SessionSettings? settings = null) => Settings = settings ?? new SessionSettings();

    /// <summary>
    /// For checking numerics: the CPU provider with ONNX Runtime's own graph optimizations off, so
    /// models are compared as written and ONNX Runtime's rewrites cannot mask a difference, on one
    /// intra-op thread: a check runs a model once or a few times, where a thread pool's start-up and
    /// its threads spinning between operators cost more CPU than they save (about half of a ResNet-50
    /// run's), and the optimizer runs the original's check beside its passes, one core each.
    /// </summary>
    public static OnnxRuntimeBackend AsWritten { get; } = new(new SessionSettings { OptimizationLevel = OptimizationLevel.None, IntraOpThreads = 1 });

    /// <summary>
    /// Starts loading ONNX Runtime's native library and creating its environment on a thread-pool thread and returns
    /// at once, so that a session created soon after (a verification, once a model is loaded and optimized) does not
    /// wait for them; they take about a tenth of a second. A failure to load is left for that session to report.
    /// A process that ends while the library is still initializing (a command stopped early by a usage error) waits
    /// for it first: exiting in the middle crashes the process (SIGSEGV) in the library's teardown. Only the first
    /// call starts anything; later ones find the load begun.
    /// </summary>
    public static void StartLoading() => _ = Loading.Value;

    /// <summary>The one background load, and the process-exit wait for it, created by the first <see cref="StartLoading"/>.</summary>
    private static readonly Lazy<Task> Loading = new(() =>
    {
        var loading = Task.Run(OrtEnv.Instance);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Task.WhenAny(loading).Wait(LoadingWaitAtExit);
        return loading;
    });

    /// <summary>The longest a process ending early waits for <see cref="StartLoading"/>'s load to finish.</summary>
    private static readonly TimeSpan LoadingWaitAtExit = TimeSpan.FromSeconds(10);

    /// <summary>How sessions are created.</summary>
    public SessionSettings Settings { get; }

    /// <summary>The name reports show, e.g. <c>onnxruntime (CPUExecutionProvider, graph optimizations off)</c>.</summary>
    public string Name => $"onnxruntime ({(Settings.Provider == ExecutionProviderKind.Auto ? "fastest provider present" : ExecutionProviders.OrtName(Settings.Provider))}"
        + (Settings.OptimizationLevel == OptimizationLevel.None ? ", graph optimizations off)" : ")");

    /// <summary>Creates a session from <paramref name="model"/>, serialized in memory (so below 2 GiB).</summary>
    public IModelBackend Prepare(Model model) => OnnxSession.FromModel(model, Settings);

    /// <summary>Creates a session from the model file at <paramref name="path"/>.</summary>
    public IModelBackend Open(string path) => OnnxSession.Open(path, Settings);
}
