using OnnxKit.Profiling;

namespace OnnxKit.Runtime.Benchmarking;

/// <summary>Sums the kernel time of each operator type in ONNX Runtime's profiler output (read by Core's <see cref="KernelProfile"/>).</summary>
public static class ProfileReader
{
    /// <summary>The <paramref name="top"/> operator types by total kernel time.</summary>
    /// <exception cref="OnnxKitException">The profile cannot be read.</exception>
    public static IReadOnlyList<OpTime> TopOperators(string profilePath, int top)
    {
        var totals = KernelProfile.Load(profilePath).Kernels.Where(k => k.OpType is not null)
            .GroupBy(k => k.OpType!, StringComparer.Ordinal)
            .Select(g => (OpType: g.Key, Calls: (long)g.Count(), Microseconds: g.Sum(k => k.Microseconds))).ToList();
        double all = Math.Max(1, totals.Sum(t => t.Microseconds));
        return totals.OrderByDescending(t => t.Microseconds).ThenBy(t => t.OpType, StringComparer.Ordinal).Take(top)
            .Select(t => new OpTime(t.OpType, t.Calls, t.Microseconds / 1000.0, 100 * t.Microseconds / all)).ToArray();
    }
}
