using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using OnnxKit.Checker;
using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Runtime.Serving;
using OnnxKit.Security;
using OnnxKit.Serialization;

namespace OnnxKit.Runtime;

/// <summary>
/// One ONNX Runtime inference session. It owns all of ONNX Runtime's native objects it
/// creates (the session, its options and its run options) and releases them on
/// <see cref="Dispose"/>; tensors passed in stay the caller's, tensors returned are copies
/// the caller owns. <see cref="Run"/> is thread-safe; a <see cref="SessionBinding"/> from
/// <see cref="Bind"/> is the allocation-free path for repeated runs with fixed shapes.
/// Every model passes <see cref="ModelGuard"/> before ONNX Runtime sees it, since ONNX Runtime
/// crashes or hangs on some invalid models (a negative number of attention heads, a loop that
/// never stops, exponentially nested functions) instead of refusing them.
/// </summary>
public sealed partial class OnnxSession : IModelBackend
{
    private readonly InferenceSession session;
    private readonly SessionOptions options;
    private readonly RunOptions runOptions = new();

    /// <summary>
    /// The cancellable run options of the last run given a cancellable token, kept for the next such run. A run takes
    /// them out of this slot (so no two runs share them) and puts them back when done; a run with another token, or
    /// one that finds the slot empty because another run holds them, makes its own.
    /// </summary>
    private CancellableRunOptions? keptCancellable;
    private readonly string[] outputNames;
    private readonly IReadOnlyList<IDisposable> suppliedWeights;
    private readonly ILogger logger;

    private OnnxSession(InferenceSession session, SessionOptions options, string modelName, ExecutionProviderKind provider,
        IReadOnlyList<string> providerNotes, TimeSpan creationTime, IReadOnlyList<IDisposable> suppliedWeights, ILogger? logger)
    {
        this.session = session;
        this.logger = logger ?? NullLogger.Instance;
        this.suppliedWeights = suppliedWeights;
        this.options = options;
        ModelName = modelName;
        Provider = provider;
        ProviderNotes = providerNotes;
        CreationTime = creationTime;
        Inputs = session.InputNames.Select(n => OrtTensors.ToSpec(n, session.InputMetadata[n])).ToArray();
        // A graph may list one output twice; it is one value, fetched and reported once.
        outputNames = session.OutputNames.Distinct(StringComparer.Ordinal).ToArray();
        Outputs = outputNames.Select(n => OrtTensors.ToSpec(n, session.OutputMetadata[n])).ToArray();
    }

    /// <summary>Opens the model file at <paramref name="path"/> (external data is read from its folder).</summary>
    public static OnnxSession Open(string path, SessionSettings? settings = null)
    {
        settings ??= new();
        InputFiles.RequireRegular(path, "Model file");
        ModelGuard.Require(OnnxFile.Load(path), settings.Limits, Path.GetFileName(path));
        return Create(Path.GetFileName(path), settings, o => new InferenceSession(path, o), () => HashFile(path), []);
    }

    /// <summary>Creates a session from a serialized model (which must not use external data).</summary>
    public static OnnxSession FromBytes(byte[] model, SessionSettings? settings = null, string name = "<bytes>")
    {
        settings ??= new();
        ModelGuard.Require(OnnxFile.Load(model), settings.Limits, name);
        return Create(name, settings, o => new InferenceSession(model, o), () => Convert.ToHexStringLower(SHA256.HashData(model)), []);
    }

    /// <summary>
    /// Creates a session from an in-memory IR model (serialized inline, so below 2 GiB). With graph
    /// optimizations off, the main graph's initializers of <see cref="SuppliedWeightMinBytes"/> or more
    /// are not serialized: ONNX Runtime is handed their bytes where they already are (a memory-mapped
    /// model file, a managed array; copied once only when they are not aligned for it), and with
    /// weight prepacking off, so a session for checking a model holds about one copy of its weights.
    /// </summary>
    public static OnnxSession FromModel(Model model, SessionSettings? settings = null)
    {
        settings ??= new();
        string name = model.Graph.Name ?? "<model>";
        ModelGuard.Require(model, settings.Limits, name);
        if (settings.OptimizationLevel != OptimizationLevel.None) return FromBytes(OnnxFile.ToBytes(model), settings, name);
        var serialized = OnnxFile.ToBytesWithoutWeights(model, SuppliedWeightMinBytes);
        var weights = new List<OrtTensors.PinnedOrtValue>(serialized.Supplied.Count);
        using var folder = PlaceholderFolder.Create(serialized);
        try
        {
            foreach (var value in serialized.Supplied) weights.Add(OrtTensors.ToUserOwnedOrtValue(value.ConstValue!));
            return Create(name, settings, options =>
            {
                for (int i = 0; i < weights.Count; i++) options.AddInitializer(serialized.Supplied[i].Name, weights[i].Value);
                options.AddSessionConfigEntry("session.disable_prepacking", "1");
                return new InferenceSession(folder.ModelPath, options);
            }, () => Convert.ToHexStringLower(SHA256.HashData(serialized.Bytes)), weights);
        }
        catch
        {
            foreach (var weight in weights) weight.Dispose();
            throw;
        }
    }

    /// <summary>Initializers at least this large are handed to ONNX Runtime in memory by <see cref="FromModel"/>; smaller ones (shapes, axes) stay in the message, where its shape inference reads them.</summary>
    public const long SuppliedWeightMinBytes = 1024;

    /// <summary>The model's file name, or the name given when created from memory.</summary>
    public string ModelName { get; }

    /// <summary>The provider the session runs on (for <see cref="ExecutionProviderKind.Auto"/>, the one chosen).</summary>
    public ExecutionProviderKind Provider { get; }

    /// <summary>With <see cref="ExecutionProviderKind.Auto"/>, why each faster provider was passed over.</summary>
    public IReadOnlyList<string> ProviderNotes { get; }

    /// <summary>How long creating the session took (loading, optimizing, and building any TensorRT engine).</summary>
    public TimeSpan CreationTime { get; }

    /// <inheritdoc/>
    public string Name => $"onnxruntime {OrtEnv.Instance().GetVersionString()} ({ExecutionProviders.OrtName(Provider)})";

    /// <inheritdoc/>
    public IReadOnlyList<TensorSpec> Inputs { get; }

    /// <inheritdoc/>
    public IReadOnlyList<TensorSpec> Outputs { get; }

    internal InferenceSession Native => session;

    internal RunOptions SharedRunOptions => runOptions;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, ITensor> Run(IReadOnlyDictionary<string, ITensor> inputs, CancellationToken cancellationToken = default)
    {
        InputValidation.Check(ModelName, Inputs, inputs);
        cancellationToken.ThrowIfCancellationRequested();
        using var activity = InferenceTelemetry.Source.StartActivity(RunActivityName);
        activity?.SetTag("onnxkit.model", ModelName);
        activity?.SetTag("onnxkit.provider", ExecutionProviders.OrtName(Provider));
        var names = Inputs.Select(s => s.Name).ToArray();
        var values = new List<OrtTensors.PinnedOrtValue>(names.Length);
        var cancellable = cancellationToken.CanBeCanceled ? TakeCancellable(cancellationToken) : null;
        try
        {
            foreach (var name in names) values.Add(OrtTensors.ToOrtValue(inputs[name]));
            using var results = session.Run(cancellable?.Options ?? runOptions, names, values.Select(v => v.Value).ToArray(), outputNames);
            var outputs = new Dictionary<string, ITensor>(outputNames.Length);
            int index = 0;
            foreach (var result in results) outputs.Add(outputNames[index], OrtTensors.ToTensor(result, outputNames[index++]));
            return outputs;
        }
        catch (OnnxRuntimeException e)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var failure = RunFailed(e);
            activity?.SetStatus(ActivityStatusCode.Error, failure.Message);
            LogRunFailed(ModelName, failure.Message);
            throw failure;
        }
        finally
        {
            foreach (var value in values) value.Dispose();
            if (cancellable is not null) Interlocked.Exchange(ref keptCancellable, cancellable)?.Dispose();
        }
    }

    /// <summary>The kept cancellable run options when they answer to <paramref name="token"/>, else new ones (releasing the kept ones).</summary>
    private CancellableRunOptions TakeCancellable(CancellationToken token)
    {
        var kept = Interlocked.Exchange(ref keptCancellable, null);
        if (kept is not null && kept.Token == token) return kept;
        kept?.Dispose();
        return new CancellableRunOptions(token);
    }

    /// <summary>
    /// Prepares allocation-free runs for inputs of the given shapes (every input must be
    /// listed, with every dim known). See <see cref="SessionBinding"/>.
    /// </summary>
    public SessionBinding Bind(IReadOnlyDictionary<string, long[]> inputShapes) => new(this, inputShapes);

    /// <summary>
    /// An IOBinding over tensors the caller allocates and binds (inputs and outputs alike), for
    /// state that stays in native buffers across runs. See <see cref="ExplicitBinding"/>.
    /// </summary>
    public ExplicitBinding CreateBinding() => new(this);

    /// <summary>Stops ONNX Runtime's profiler and returns the trace file's path, or null when profiling is off.</summary>
    public string? EndProfiling() => options.EnableProfiling ? session.EndProfiling() : null;

    /// <summary>Releases the session and its options.</summary>
    public void Dispose()
    {
        session.Dispose();
        runOptions.Dispose();
        Interlocked.Exchange(ref keptCancellable, null)?.Dispose();
        options.Dispose();
        foreach (var weight in suppliedWeights) weight.Dispose();
    }

    internal OnnxKitException RunFailed(OnnxRuntimeException e) =>
        new($"ONNX Runtime failed to run '{ModelName}' (inputs: {string.Join(", ", Inputs)}): {e.Message}", e);

    private static OnnxSession Create(string name, SessionSettings settings, Func<SessionOptions, InferenceSession> open, Func<string> hash,
        IReadOnlyList<IDisposable> suppliedWeights)
    {
        string? modelHash = null;
        string Hash() => modelHash ??= hash();
        var notes = new List<string>();
        var candidates = ExecutionProviders.Candidates(settings.Provider);
        foreach (var provider in candidates)
        {
            bool last = provider == candidates[^1];
            bool explicitChoice = settings.Provider != ExecutionProviderKind.Auto;
            if (!explicitChoice && !last && !ExecutionProviders.IsBuiltIn(provider))
            {
                notes.Add($"{ExecutionProviders.OrtName(provider)}: not in this build of ONNX Runtime");
                continue;
            }
            var options = new SessionOptions();
            try
            {
                Configure(options, settings);
                ExecutionProviders.Attach(options, provider, settings, Hash);
                var clock = Stopwatch.StartNew();
                var session = open(options);
                var created = new OnnxSession(session, options, name, provider, notes, clock.Elapsed, suppliedWeights, settings.Logger);
                created.LogCreated(name, provider, clock.Elapsed.TotalMilliseconds);
                if (notes.Count > 0) created.LogFellBack(name, provider, string.Join("; ", notes));
                return created;
            }
            catch (ProviderUnavailableException e) when (!explicitChoice)
            {
                options.Dispose();
                notes.Add($"{ExecutionProviders.OrtName(provider)}: {e.Message}");
            }
            catch (OnnxRuntimeException e) when (provider != ExecutionProviderKind.Cpu)
            {
                options.Dispose();
                if (explicitChoice) throw ExecutionProviders.FailedToLoad(provider, e);
                notes.Add($"{ExecutionProviders.OrtName(provider)}: {e.Message.Trim()}");
            }
            catch (OnnxRuntimeException e)
            {
                options.Dispose();
                string message = $"ONNX Runtime could not load '{name}': {e.Message.Trim()}";
                throw RefusedAsUnsupported(e.Message) ? new UnsupportedFeatureException("onnxruntime", message, e) : new OnnxKitException(message, e);
            }
            catch
            {
                options.Dispose();
                throw;
            }
        }
        throw new UnreachableException("The CPU provider is always the last candidate.");
    }

    /// <summary>
    /// True when ONNX Runtime refused a model for lacking something (a kernel, an element type, an
    /// opset or IR version it does not know yet) rather than because the model is wrong.
    /// </summary>
    private static bool RefusedAsUnsupported(string message) =>
        message.Contains("NOT_IMPLEMENTED", StringComparison.Ordinal)
        || message.Contains("ErrorCode:NotImplemented", StringComparison.Ordinal)
        || message.Contains("Unregistered TensorElementType", StringComparison.Ordinal)
        || message.Contains("is under development", StringComparison.Ordinal)
        || message.Contains("Unsupported model IR version", StringComparison.Ordinal)
        || message.Contains("is not a registered function/op", StringComparison.Ordinal);

    private static void Configure(SessionOptions options, SessionSettings settings)
    {
        if (settings.IntraOpThreads is < 0 or > SessionSettings.MaxThreads || settings.InterOpThreads is < 0 or > SessionSettings.MaxThreads)
            throw new OnnxKitException($"Thread counts must be 0 (automatic) or between 1 and {SessionSettings.MaxThreads}; got {settings.IntraOpThreads} intra-op and {settings.InterOpThreads} inter-op.");
        options.IntraOpNumThreads = settings.IntraOpThreads;
        options.InterOpNumThreads = settings.InterOpThreads;
        if (settings.IntraOpSpinMicroseconds is { } spin)
        {
            if (spin is < 0 or > SessionSettings.MaxSpinMicroseconds)
                throw new OnnxKitException($"The spin time must be between 0 and {SessionSettings.MaxSpinMicroseconds} microseconds; got {spin}.");
            options.AddSessionConfigEntry("session.intra_op.spin_duration_us", spin.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        options.GraphOptimizationLevel = settings.OptimizationLevel switch
        {
            OptimizationLevel.None => GraphOptimizationLevel.ORT_DISABLE_ALL,
            OptimizationLevel.Basic => GraphOptimizationLevel.ORT_ENABLE_BASIC,
            OptimizationLevel.Extended => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
            _ => GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        options.ExecutionMode = settings.ExecutionMode == GraphExecutionMode.Parallel ? ExecutionMode.ORT_PARALLEL : ExecutionMode.ORT_SEQUENTIAL;
        if (settings.DeterministicCompute) NativeSessionOptions.SetDeterministicCompute(options, true);
        if (settings.ProfilePrefix is { } prefix)
        {
            options.EnableProfiling = true;
            options.ProfileOutputPathPrefix = prefix;
        }
        foreach (var (symbol, size) in settings.FreeDimensionOverrides) options.AddFreeDimensionOverrideByName(symbol, size);
        if (settings.OptimizedModelPath is { } optimized) options.OptimizedModelFilePath = optimized;
    }

    private static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The name of the activity each <see cref="Run"/> starts on <see cref="InferenceTelemetry.ActivitySourceName"/>.</summary>
    public const string RunActivityName = "onnxkit.session.run";

    [LoggerMessage(Level = LogLevel.Information, Message = "Session for {Model} created on {Provider} in {Milliseconds:0.0} ms")]
    private partial void LogCreated(string model, ExecutionProviderKind provider, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session for {Model} runs on {Provider}; providers before it were unusable: {Reasons}")]
    private partial void LogFellBack(string model, ExecutionProviderKind provider, string reasons);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run of {Model} failed: {Reason}")]
    private partial void LogRunFailed(string model, string reason);
}
