using System.Text.Json;

namespace OnnxKit.Viewer.Profiles;

/// <summary>
/// Per-node times read from a profile, in milliseconds per run. Two formats are read:
/// ONNX Runtime's profile (a Chrome trace: an array of events, or an object with
/// <c>traceEvents</c>, where each node's kernel appears as a <c>Node</c> event named
/// <c>NODE_kernel_time</c> with its duration in microseconds, once per run), and a plain
/// JSON object mapping node names to milliseconds.
/// </summary>
public sealed class NodeTimings
{
    private const string KernelSuffix = "_kernel_time";

    private NodeTimings(Dictionary<string, double> milliseconds) => Milliseconds = milliseconds;

    /// <summary>Average milliseconds per run, by node name.</summary>
    public IReadOnlyDictionary<string, double> Milliseconds { get; }

    /// <summary>Reads the profile at <paramref name="path"/>.</summary>
    /// <exception cref="OnnxKitException">The file cannot be read or is in neither format.</exception>
    public static NodeTimings Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var json = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true });
            return Parse(json.RootElement);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new OnnxKitException($"Cannot read the profile '{path}': {e.Message}");
        }
    }

    /// <summary>Reads a profile already parsed as JSON.</summary>
    public static NodeTimings Parse(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("traceEvents", out var events)) return FromTrace(events);
        if (root.ValueKind == JsonValueKind.Array) return FromTrace(root);
        if (root.ValueKind == JsonValueKind.Object)
        {
            var map = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Number)
                    throw new InvalidOperationException($"the time of node '{property.Name}' is not a number");
                map[property.Name] = property.Value.GetDouble();
            }

            return new NodeTimings(map);
        }

        throw new InvalidOperationException("expected an ONNX Runtime profile (a JSON array of trace events) or an object of node name → milliseconds");
    }

    private static NodeTimings FromTrace(JsonElement events)
    {
        var totals = new Dictionary<string, (double Microseconds, int Runs)>(StringComparer.Ordinal);
        foreach (var e in events.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Object
                || !e.TryGetProperty("cat", out var cat) || cat.ValueKind != JsonValueKind.String || cat.GetString() != "Node"
                || !e.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String
                || !e.TryGetProperty("dur", out var dur) || dur.ValueKind != JsonValueKind.Number)
            {
                continue;
            }

            string name = nameElement.GetString()!;
            if (!name.EndsWith(KernelSuffix, StringComparison.Ordinal)) continue;
            string node = name[..^KernelSuffix.Length];
            var (sum, runs) = totals.GetValueOrDefault(node);
            totals[node] = (sum + dur.GetDouble(), runs + 1);
        }

        return new NodeTimings(totals.ToDictionary(t => t.Key, t => t.Value.Microseconds / t.Value.Runs / 1000.0, StringComparer.Ordinal));
    }
}
