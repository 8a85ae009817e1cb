using OnnxKit.Runtime.Tensors;

namespace OnnxKit.Runtime.Running;

/// <summary>The result of one <c>onnxkit run</c>.</summary>
/// <param name="Backend">The backend that ran the model, with its provider.</param>
/// <param name="Inputs">Each input: its summary and where it came from.</param>
/// <param name="Outputs">Each output: its summary and the file it was written to.</param>
/// <param name="Notes">Things the user should know (dims set to 1, provider fallbacks).</param>
/// <param name="RunMilliseconds">Wall time of the run itself.</param>
public sealed record RunReport(string Backend, IReadOnlyList<RunValue> Inputs, IReadOnlyList<RunValue> Outputs, IReadOnlyList<string> Notes, double RunMilliseconds);

/// <summary>One input or output of a run.</summary>
/// <param name="Summary">Its shape, type and statistics.</param>
/// <param name="Location">For inputs, the file it was read from or <c>random (seed N)</c>; for outputs, the file written, if any.</param>
public sealed record RunValue(TensorSummary Summary, string? Location);
