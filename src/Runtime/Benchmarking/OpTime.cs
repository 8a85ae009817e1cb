namespace OnnxKit.Runtime.Benchmarking;

/// <summary>Time one operator type took across a profiled benchmark.</summary>
/// <param name="OpType">The operator, e.g. <c>Conv</c>.</param>
/// <param name="Calls">Kernel invocations.</param>
/// <param name="TotalMilliseconds">Summed kernel time.</param>
/// <param name="Percent">Share of all kernel time.</param>
public sealed record OpTime(string OpType, long Calls, double TotalMilliseconds, double Percent);
