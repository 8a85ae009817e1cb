using System.Text.Json;

namespace OnnxKit.Profiling;

/// <summary>
/// The kernel runs in ONNX Runtime's profiler output: a Chrome trace, either an array of events or
/// an object with <c>traceEvents</c>, where each run of a node's kernel is an event of category
/// <c>Node</c> named <c>NODE_kernel_time</c>, with its duration in microseconds (<c>dur</c>) and
/// its operator in <c>args.op_name</c>. Every other event (sessions, fences) is ignored. The one
/// reader of these files: benchmarks sum it by operator, the graph page averages it by node.
/// </summary>
public sealed class KernelProfile
{
    private const string KernelSuffix = "_kernel_time";

    private KernelProfile(IReadOnlyList<KernelTime> kernels) => Kernels = kernels;

    /// <summary>Every kernel run, in the trace's order.</summary>
    public IReadOnlyList<KernelTime> Kernels { get; }

    /// <summary>Reads the profile at <paramref name="path"/>.</summary>
    /// <exception cref="OnnxKitException">The file cannot be read or is not a trace, naming the file.</exception>
    public static KernelProfile Load(string path) => ReadFile(path, Parse);

    /// <summary>
    /// Parses the JSON file at <paramref name="path"/> (trailing commas allowed) and reads its root with
    /// <paramref name="read"/>, which throws <see cref="InvalidOperationException"/> for content it rejects.
    /// </summary>
    /// <exception cref="OnnxKitException">The file cannot be read, is not JSON, or <paramref name="read"/> rejects it; the message names the file.</exception>
    public static T ReadFile<T>(string path, Func<JsonElement, T> read)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var json = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true });
            return read(json.RootElement);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new OnnxKitException($"Cannot read the profile '{path}': {e.Message}");
        }
    }

    /// <summary>True when <paramref name="root"/> has a trace's shape: an array, or an object with <c>traceEvents</c>.</summary>
    public static bool IsTrace(JsonElement root) =>
        root.ValueKind == JsonValueKind.Array || (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("traceEvents", out _));

    /// <summary>Reads a profile already parsed as JSON.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="root"/> is not a trace (see <see cref="IsTrace"/>).</exception>
    public static KernelProfile Parse(JsonElement root)
    {
        var events = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("traceEvents", out var inner) ? inner : root;
        if (events.ValueKind != JsonValueKind.Array) throw new InvalidOperationException("expected ONNX Runtime's profile: a JSON array of trace events");
        var kernels = new List<KernelTime>();
        foreach (var e in events.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Object
                || !e.TryGetProperty("cat", out var cat) || cat.ValueKind != JsonValueKind.String || cat.GetString() != "Node"
                || !e.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                || !e.TryGetProperty("dur", out var duration) || duration.ValueKind != JsonValueKind.Number)
            {
                continue;
            }
            string eventName = name.GetString()!;
            if (!eventName.EndsWith(KernelSuffix, StringComparison.Ordinal)) continue;
            string? opType = e.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Object
                && args.TryGetProperty("op_name", out var op) && op.ValueKind == JsonValueKind.String ? op.GetString() : null;
            kernels.Add(new KernelTime(eventName[..^KernelSuffix.Length], opType, duration.GetDouble()));
        }
        return new KernelProfile(kernels);
    }
}
