namespace OnnxKit.Profiling;

/// <summary>One kernel run in an ONNX Runtime profile.</summary>
/// <param name="Node">The node's name (the event's name without its <c>_kernel_time</c> suffix).</param>
/// <param name="OpType">The operator, from the event's <c>args.op_name</c>; null when the event does not say.</param>
/// <param name="Microseconds">How long the kernel ran.</param>
public sealed record KernelTime(string Node, string? OpType, double Microseconds);
