namespace OnnxKit.Reference.Engine;

/// <summary>
/// One registered kernel: the operator it implements and the range of that operator's schema
/// versions (since-versions, inclusive) whose semantics it follows.
/// </summary>
/// <param name="Domain">The operator's domain; "" for ai.onnx.</param>
/// <param name="OpType">The operator's name.</param>
/// <param name="FromVersion">The oldest schema version implemented.</param>
/// <param name="ToVersion">The newest schema version implemented.</param>
/// <param name="Run">The computation.</param>
/// <param name="ComputesInFloat32">
/// When set, float16 and bfloat16 inputs are widened to float32 before <paramref name="Run"/> and
/// float32 outputs are rounded back to the inputs' type afterwards.
/// </param>
internal sealed record KernelEntry(string Domain, string OpType, int FromVersion, int ToVersion, Kernel Run, bool ComputesInFloat32);
