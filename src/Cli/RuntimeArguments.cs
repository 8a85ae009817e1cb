using System.CommandLine;
using OnnxKit.Runtime;
using OnnxKit.Execution;

namespace OnnxKit.Cli;

/// <summary>
/// The session options shared by the commands that run models (<c>run</c>, <c>bench</c>, <c>eval</c>):
/// provider, threads, optimization, and the GPU providers' settings.
/// </summary>
internal sealed class RuntimeArguments
{
    private readonly int? defaultSpin;
    private readonly Option<int?> spin;

    /// <param name="defaultSpinMicroseconds">The command's own spin when <c>--spin-us</c> is not given (null: ONNX Runtime's).</param>
    public RuntimeArguments(int? defaultSpinMicroseconds = null)
    {
        defaultSpin = defaultSpinMicroseconds;
        spin = CliArguments.Bounded(new Option<int?>("--spin-us")
        {
            Description = "How long ONNX Runtime's threads spin waiting for more work before they sleep, in microseconds (0 to 1,000,000; " +
                (defaultSpinMicroseconds is { } own ? $"default {own}, which frees the cores soon after the last batch" : "default: ONNX Runtime's own spin, tens of milliseconds after every run") + ").",
        }, 0, SessionSettings.MaxSpinMicroseconds);
    }

    private readonly Option<ExecutionProviderKind> provider = CliArguments.Choice("--ep",
        "Execution provider: cpu, cuda, tensorrt, or auto (tries TensorRT, then CUDA, then CPU and says which it chose). " +
        "An explicit provider that is not available is an error.",
        ExecutionProviderKind.Cpu);

    private readonly Option<int> threads = CliArguments.Bounded(new Option<int>("--threads")
    {
        Description = $"Threads ONNX Runtime uses inside one operator (0: one per physical core; at most {SessionSettings.MaxThreads}).",
        DefaultValueFactory = _ => 0,
    }, 0, SessionSettings.MaxThreads);

    private readonly Option<OptimizationLevel> optimization = CliArguments.Choice("--opt-level",
        "ONNX Runtime graph optimizations: none, basic, extended or all.", OptimizationLevel.All);

    private readonly Option<FileInfo?> saveOptimized = new("--save-optimized")
    {
        Description = "Save the model as ONNX Runtime optimized it to this file (eval with several models: FILE's name numbered per model, opt.onnx → opt.1.onnx, opt.2.onnx, …).",
    };

    private readonly Option<int> device = CliArguments.Bounded(new Option<int>("--device") { Description = "GPU device id for cuda and tensorrt.", DefaultValueFactory = _ => 0 }, 0, 1023);

    private readonly Option<bool> trtFp16 = new("--trt-fp16") { Description = "TensorRT: allow float16 kernels." };

    private readonly Option<bool> trtInt8 = new("--trt-int8") { Description = "TensorRT: allow int8 kernels (the model needs quantization scales)." };

    private readonly Option<DirectoryInfo?> trtCache = new("--trt-cache")
    {
        Description = "TensorRT: keep built engines (keyed on the model's hash and shape profile) and timing data in this folder.",
    };

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { provider, threads, spin, optimization, saveOptimized, device, trtFp16, trtInt8, trtCache })
            command.Options.Add(option);
    }

    /// <summary>The session settings the options describe, with the default resource limits.</summary>
    public SessionSettings Settings(ParseResult parse) => Settings(parse, OnnxKit.Security.ResourceLimits.Default);

    /// <summary>The session settings the options describe, with the resource limits models are checked against.</summary>
    public SessionSettings Settings(ParseResult parse, OnnxKit.Security.ResourceLimits limits)
    {
        int deviceId = parse.GetValue(device);
        return new SessionSettings
        {
            Provider = parse.GetValue(provider),
            Limits = limits,
            IntraOpThreads = parse.GetValue(threads),
            IntraOpSpinMicroseconds = parse.GetValue(spin) ?? defaultSpin,
            OptimizationLevel = parse.GetValue(optimization),
            OptimizedModelPath = parse.GetValue(saveOptimized)?.FullName,
            Cuda = new CudaSettings(DeviceId: deviceId),
            TensorRt = new TensorRtSettings(DeviceId: deviceId, Fp16: parse.GetValue(trtFp16), Int8: parse.GetValue(trtInt8),
                CacheDirectory: parse.GetValue(trtCache)?.FullName),
        };
    }

    /// <summary>
    /// The settings for model <paramref name="index"/> (0-based) of <paramref name="count"/> opened together (<c>eval</c>
    /// with several models): with one model, <paramref name="settings"/> as they are; with several, each model's
    /// <c>--save-optimized</c> file gets its number (1-based, in the order given) before the extension, so
    /// <c>opt.onnx</c> becomes <c>opt.1.onnx</c>, <c>opt.2.onnx</c>, … and no model overwrites another's.
    /// </summary>
    public static SessionSettings ForModel(SessionSettings settings, int index, int count) =>
        count == 1 || settings.OptimizedModelPath is not { } path
            ? settings
            : settings with
            {
                OptimizedModelPath = Path.Combine(Path.GetDirectoryName(path) ?? "",
                    $"{Path.GetFileNameWithoutExtension(path)}.{index + 1}{Path.GetExtension(path)}"),
            };

    /// <summary>With <c>--ep auto</c>, says on standard error which provider was chosen and why others were not.</summary>
    public static void ReportProviderChoice(OnnxSession session, ExecutionProviderKind requested)
    {
        if (requested != ExecutionProviderKind.Auto) return;
        Console.Error.WriteLine($"execution provider: {ExecutionProviders.OrtName(session.Provider)} (auto)");
        foreach (var note in session.ProviderNotes) Console.Error.WriteLine($"  skipped {note}");
    }
}
