using Microsoft.ML.OnnxRuntime;

namespace OnnxKit.Runtime;

/// <summary>
/// Which execution providers this build of ONNX Runtime has, and how each is attached to
/// session options. OnnxKit.Runtime (ONNX Runtime's CPU package) has only the CPU provider;
/// OnnxKit.Runtime.Gpu (its GPU package) adds CUDA and TensorRT, which also need NVIDIA's
/// libraries at run time.
/// </summary>
public static class ExecutionProviders
{
    /// <summary>ONNX Runtime's provider names present in this build, e.g. <c>CPUExecutionProvider</c>.</summary>
    public static IReadOnlyList<string> Available() => OrtEnv.Instance().GetAvailableProviders();

    /// <summary>True when this build of ONNX Runtime includes <paramref name="provider"/> (its libraries may still be missing).</summary>
    public static bool IsBuiltIn(ExecutionProviderKind provider) =>
        provider is ExecutionProviderKind.Cpu or ExecutionProviderKind.Auto || Available().Contains(OrtName(provider));

    /// <summary>ONNX Runtime's name of a provider.</summary>
    public static string OrtName(ExecutionProviderKind provider) => provider switch
    {
        ExecutionProviderKind.Cuda => "CUDAExecutionProvider",
        ExecutionProviderKind.TensorRT => "TensorrtExecutionProvider",
        _ => "CPUExecutionProvider",
    };

    /// <summary>The providers <see cref="ExecutionProviderKind.Auto"/> tries, in order.</summary>
    public static IReadOnlyList<ExecutionProviderKind> Candidates(ExecutionProviderKind requested) => requested == ExecutionProviderKind.Auto
        ? [ExecutionProviderKind.TensorRT, ExecutionProviderKind.Cuda, ExecutionProviderKind.Cpu]
        : [requested];

    /// <summary>
    /// Attaches <paramref name="provider"/> to <paramref name="options"/>; throws
    /// <see cref="ProviderUnavailableException"/> naming what is missing when it cannot.
    /// </summary>
    internal static void Attach(SessionOptions options, ExecutionProviderKind provider, SessionSettings settings, Func<string> modelHash)
    {
        if (provider == ExecutionProviderKind.Cpu) return;
        if (!IsBuiltIn(provider)) throw NotInBuild(provider);
        try
        {
            if (provider == ExecutionProviderKind.TensorRT)
            {
                using var trt = new OrtTensorRTProviderOptions();
                trt.UpdateOptions(settings.TensorRt.ToProviderOptions(modelHash()));
                options.AppendExecutionProvider_Tensorrt(trt);
            }
            using var cuda = new OrtCUDAProviderOptions();
            var cudaOptions = settings.Cuda.ToProviderOptions();
            if (provider == ExecutionProviderKind.TensorRT) cudaOptions["device_id"] = settings.TensorRt.DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            cuda.UpdateOptions(cudaOptions);
            options.AppendExecutionProvider_CUDA(cuda);
        }
        catch (Exception e) when (e is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
        {
            throw FailedToLoad(provider, e);
        }
    }

    /// <summary>
    /// The error for a provider whose libraries failed to load or whose device could not be opened;
    /// names the NVIDIA libraries this machine lacks when they can be found out (<see cref="GpuLibraries"/>).
    /// </summary>
    internal static ProviderUnavailableException FailedToLoad(ExecutionProviderKind provider, Exception e)
    {
        string cause = GpuLibraries.Missing(provider) switch
        {
            { Count: > 0 } missing => $"These libraries it needs cannot be loaded: {string.Join("; ", missing)}. Install them and make them findable on the library path (LD_LIBRARY_PATH).",
            { Count: 0 } => "Its libraries all load, so no usable NVIDIA GPU was found (check the driver with nvidia-smi).",
            null => $"It needs {Libraries(provider)} that ONNX Runtime's GPU package was built against, findable on the library path, and a visible NVIDIA GPU.",
        };
        return new ProviderUnavailableException(provider,
            $"The {Display(provider)} execution provider is in this build of ONNX Runtime but could not be started: {e.Message.Trim()} {cause}", e);
    }

    private static ProviderUnavailableException NotInBuild(ExecutionProviderKind provider) => new(provider,
        $"The {Display(provider)} execution provider is not available: this build uses ONNX Runtime's CPU package " +
        $"(providers present: {string.Join(", ", Available())}). Reference the OnnxKit.Runtime.Gpu package instead of OnnxKit.Runtime " +
        $"and install {Libraries(provider)}; or choose --ep cpu.");

    private static string Display(ExecutionProviderKind provider) => provider == ExecutionProviderKind.TensorRT ? "TensorRT" : "CUDA";

    private static string Libraries(ExecutionProviderKind provider) => provider == ExecutionProviderKind.TensorRT
        ? "the NVIDIA driver, the CUDA runtime, cuDNN and TensorRT (libnvinfer) libraries"
        : "the NVIDIA driver, the CUDA runtime and cuDNN libraries";
}
