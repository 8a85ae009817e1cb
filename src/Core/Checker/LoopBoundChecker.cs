using OnnxKit.Ir;
using OnnxKit.Security;

namespace OnnxKit.Checker;

/// <summary>
/// Refuses loops whose length is known before the model runs and is unreasonable: a Loop that can
/// never stop (no trip count, and a condition that is constant true in and out of the body, or
/// neither a trip count nor a condition), a constant trip count or a static Scan length above
/// <see cref="ResourceLimits.MaxLoopIterations"/>, and a Loop whose stacked scan outputs would pass
/// <see cref="ResourceLimits.MaxTensorBytes"/>. Loops whose length is computed at run time are bounded
/// while they run (the reference evaluator stops them at the same limit; every run has a time limit).
/// </summary>
internal sealed class LoopBoundChecker(ProblemList problems, ResourceLimits limits)
{
    /// <summary>Checks <paramref name="node"/> when it is a Loop or Scan.</summary>
    public void Check(Node node, string path)
    {
        if (!node.IsDefaultDomain) return;
        if (node.OpType == "Loop") CheckLoop(node, path);
        else if (node.OpType == "Scan") CheckScan(node, path);
    }

    private void CheckLoop(Node node, string path)
    {
        var tripInput = node.Inputs.Count > 0 ? node.Inputs[0] : null;
        var conditionInput = node.Inputs.Count > 1 ? node.Inputs[1] : null;
        var body = node.Attributes["body"]?.Value as Graph;
        long? trips = StaticValues.Integer(tripInput);
        if (trips > limits.MaxLoopIterations)
        {
            problems.Error(path, ProblemCodes.LoopTooLong,
                $"the Loop's trip count is {trips}, more than the limit of {limits.MaxLoopIterations} iterations (raise it with --max-loop-iterations).");
            return;
        }
        if (tripInput is null)
        {
            if (conditionInput is null)
                problems.Error(path, ProblemCodes.LoopUnbounded, "the Loop has neither a trip count nor a condition, so it never stops.");
            else if (StaticValues.Boolean(conditionInput) == true && body is not null && ConditionStaysTrue(body))
                problems.Error(path, ProblemCodes.LoopUnbounded,
                    "the Loop has no trip count, its condition is constant true and the body passes it on unchanged, so it never stops.");
        }
        if (trips is > 0 && body is not null) CheckStackedOutputs(node, path, body, trips.Value);
    }

    /// <summary>True when the body's condition output is its condition input (directly or through Identity) or a constant true.</summary>
    private static bool ConditionStaysTrue(Graph body)
    {
        if (body.Outputs.Count == 0 || body.Inputs.Count < 2) return false;
        var value = body.Outputs[0];
        for (int depth = 0; depth < 64; depth++)
        {
            if (ReferenceEquals(value, body.Inputs[1]) || StaticValues.Boolean(value) == true) return true;
            if (value.Producer is { OpType: "Identity", IsDefaultDomain: true, Inputs: [{ } source] }) value = source;
            else return false;
        }
        return false;
    }

    private void CheckStackedOutputs(Node node, string path, Graph body, long trips)
    {
        int carried = Math.Max(0, node.Inputs.Count - 2);
        for (int k = 1 + carried; k < body.Outputs.Count; k++)
        {
            var output = body.Outputs[k];
            if (output.TensorType is not { Shape: { IsStatic: true } shape } type || type.ElementType.BitWidth() == 0) continue;
            Int128 bytes = (Int128)trips * StaticBytes(type.ElementType, shape.ToSizes());
            if (bytes > limits.MaxTensorBytes)
            {
                problems.Error(path, ProblemCodes.LoopOutputTooLarge,
                    $"the Loop stacks {trips} iterations of scan output '{output.Name}' ({type}), {Describe(bytes)}, more than the limit of {ByteSize.Format(limits.MaxTensorBytes)} for one tensor (raise it with --max-tensor-bytes).");
            }
        }
    }

    private void CheckScan(Node node, string path)
    {
        if (node.Attributes["num_scan_inputs"]?.Value is not long scanInputs || scanInputs < 1 || scanInputs > node.Inputs.Count) return;
        var axes = node.Attributes["scan_input_axes"]?.Value as long[];
        for (int i = 0; i < scanInputs; i++)
        {
            var input = node.Inputs[node.Inputs.Count - (int)scanInputs + i];
            if (input?.TensorType?.Shape is not { } shape || shape.Rank == 0) continue;
            long axis = axes is not null && i < axes.Length ? axes[i] : 0;
            if (axis < 0) axis += shape.Rank;
            if (axis < 0 || axis >= shape.Rank || shape[(int)axis].Value is not long length) continue;
            if (length > limits.MaxLoopIterations)
                problems.Error(path, ProblemCodes.LoopTooLong,
                    $"the Scan runs over {length} slices of '{input.Name}', more than the limit of {limits.MaxLoopIterations} iterations (raise it with --max-loop-iterations).");
        }
    }

    private static Int128 StaticBytes(DataType type, IReadOnlyList<long> dims)
    {
        Int128 count = 1;
        foreach (long d in dims)
        {
            count *= Math.Max(0, d);
            if (count > long.MaxValue) return long.MaxValue;
        }
        return (count * type.BitWidth() + 7) / 8;
    }

    private static string Describe(Int128 bytes) => bytes > long.MaxValue ? "more than 8 EiB" : ByteSize.Format((long)bytes);
}
