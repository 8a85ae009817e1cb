using System.Text.Json;
using OnnxKit.Profiling;

namespace OnnxKit.Viewer.Profiles;

/// <summary>
/// Per-node times read from a profile, in milliseconds per run. Two formats are read:
/// ONNX Runtime's profile (read by Core's <see cref="KernelProfile"/>: each node's kernel
/// time, once per run, averaged here), and a plain JSON object mapping node names to milliseconds.
/// </summary>
public sealed class NodeTimings
{
    private NodeTimings(Dictionary<string, double> milliseconds) => Milliseconds = milliseconds;

    /// <summary>Average milliseconds per run, by node name.</summary>
    public IReadOnlyDictionary<string, double> Milliseconds { get; }

    /// <summary>Reads the profile at <paramref name="path"/>.</summary>
    /// <exception cref="OnnxKitException">The file cannot be read or is in neither format.</exception>
    public static NodeTimings Load(string path) => KernelProfile.ReadFile(path, Parse);

    /// <summary>Reads a profile already parsed as JSON.</summary>
    public static NodeTimings Parse(JsonElement root)
    {
        if (KernelProfile.IsTrace(root)) return FromTrace(KernelProfile.Parse(root));
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

    private static NodeTimings FromTrace(KernelProfile profile) => new(profile.Kernels
        .GroupBy(k => k.Node, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Average(k => k.Microseconds) / 1000.0, StringComparer.Ordinal));
}
