using System.Text.Json;

namespace OnnxKit.Runtime.Benchmarking;

/// <summary>
/// Reads ONNX Runtime's profiler output (a Chrome trace: a JSON array of events) and sums
/// the kernel time of each operator type: events of category <c>Node</c> whose name ends in
/// <c>_kernel_time</c>, grouped by their <c>args.op_name</c>.
/// </summary>
public static class ProfileReader
{
    /// <summary>The <paramref name="top"/> operator types by total kernel time.</summary>
    public static IReadOnlyList<OpTime> TopOperators(string profilePath, int top)
    {
        using var stream = File.OpenRead(profilePath);
        using var document = JsonDocument.Parse(stream);
        var totals = new Dictionary<string, (long Calls, long Microseconds)>(StringComparer.Ordinal);
        foreach (var e in document.RootElement.EnumerateArray())
        {
            if (!e.TryGetProperty("cat", out var cat) || cat.GetString() != "Node") continue;
            if (!e.TryGetProperty("name", out var name) || name.GetString()?.EndsWith("_kernel_time", StringComparison.Ordinal) != true) continue;
            if (!e.TryGetProperty("args", out var args) || !args.TryGetProperty("op_name", out var op) || !e.TryGetProperty("dur", out var dur)) continue;
            string key = op.GetString() ?? "?";
            var (calls, micros) = totals.GetValueOrDefault(key);
            totals[key] = (calls + 1, micros + dur.GetInt64());
        }
        double all = Math.Max(1, totals.Values.Sum(t => t.Microseconds));
        return totals.OrderByDescending(t => t.Value.Microseconds).ThenBy(t => t.Key, StringComparer.Ordinal).Take(top)
            .Select(t => new OpTime(t.Key, t.Value.Calls, t.Value.Microseconds / 1000.0, 100 * t.Value.Microseconds / all)).ToArray();
    }
}
