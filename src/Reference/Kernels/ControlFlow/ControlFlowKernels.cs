using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Tensor;
using OnnxKit.Security;

namespace OnnxKit.Reference.Kernels.ControlFlow;

/// <summary>
/// If, Loop and Scan: they run their subgraphs, which read outer-scope values through the node's frame.
/// Loops stop at <see cref="ResourceLimits.MaxLoopIterations"/> and when the run is cancelled, and the
/// values they stack may not pass <see cref="ResourceLimits.MaxTensorBytes"/>, checked as they accumulate.
/// </summary>
internal static class ControlFlowKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add("If", 1, 25, If);
        r.Add("Loop", 1, 25, Loop);
        r.Add("Scan", 8, 8, ScanWithBatch);
        r.Add("Scan", 9, 25, Scan);
    }

    private static void If(OpContext c)
    {
        var condition = c.Input(0);
        if (condition.ElementCount != 1) throw new OnnxKitException($"If's condition must hold one value, got {condition.Describe()}.");
        bool taken = Numerics.ElementConverter.ToDoubles(condition)[0] != 0;
        var outputs = c.RunSubgraph(c.Graph(taken ? "then_branch" : "else_branch"), []);
        if (outputs.Length != c.OutputCount)
            throw new OnnxKitException($"the {(taken ? "then" : "else")} branch returns {outputs.Length} values; the node has {c.OutputCount} outputs.");
        for (int i = 0; i < outputs.Length; i++) c.SetOutput(i, outputs[i]);
    }

    private static void Loop(OpContext c)
    {
        var body = c.Graph("body");
        long? tripCount = c.OptionalInput(0) is { } m ? KernelInputs.ScalarLong(m) : null;
        bool? condition = c.OptionalInput(1) is { } cond ? KernelInputs.Scalar(cond) != 0 : null;
        int carried = c.InputCount - 2;
        var state = Enumerable.Range(2, carried).Select(i => c.Value(i)).ToArray();
        int scanCount = body.Outputs.Count - 1 - carried;
        if (scanCount < 0) throw new OnnxKitException($"the body returns {body.Outputs.Count} values for {carried} loop-carried values.");
        var scans = Enumerable.Range(0, scanCount).Select(_ => new List<TensorValue>()).ToArray();
        var stacked = new long[scanCount];
        for (long i = 0; (tripCount is null || i < tripCount) && condition != false; i++)
        {
            Iterate(c, i, "Loop");
            RuntimeValue?[] inputs = [TensorValue.Scalar(DataType.Int64, i), TensorValue.Scalar(DataType.Bool, condition ?? true), .. state];
            var outputs = c.RunSubgraph(body, inputs);
            condition = outputs[0] is TensorValue next ? KernelInputs.Scalar(next) != 0 : throw new OnnxKitException("the body's condition output is not a tensor.");
            for (int k = 0; k < carried; k++) state[k] = outputs[1 + k];
            for (int k = 0; k < scanCount; k++)
            {
                var item = outputs[1 + carried + k] as TensorValue ?? throw new OnnxKitException("a scan output of the body is not a tensor.");
                stacked[k] = Accumulate(c, stacked[k], item, body.Outputs[1 + carried + k].Name);
                scans[k].Add(item);
            }
        }
        for (int k = 0; k < carried; k++) c.SetOutput(k, state[k]!);
        for (int k = 0; k < scanCount; k++)
            c.SetOutput(carried + k, scans[k].Count > 0 ? Stacking.Stack(scans[k], 0) : EmptyStack(body.Outputs[1 + carried + k]));
    }

    /// <summary>Before iteration <paramref name="index"/>: stops a cancelled run, and a loop past the iteration limit.</summary>
    private static void Iterate(OpContext c, long index, string op)
    {
        c.Cancellation.ThrowIfCancellationRequested();
        if (index >= c.Limits.MaxLoopIterations)
            throw new ResourceLimitException($"the {op} ran {c.Limits.MaxLoopIterations} iterations, the limit for one loop", "--max-loop-iterations");
    }

    /// <summary>Adds one stacked item's bytes to <paramref name="sofar"/>, refusing to go past the tensor limit.</summary>
    private static long Accumulate(OpContext c, long sofar, TensorValue item, string name)
    {
        long total = sofar + item.ElementType.ByteCount(item.ElementCount);
        c.Limits.RequireTensorBytes(total, $"the stacked scan output '{name}'");
        return total;
    }

    /// <summary>The scan output of zero iterations: [0, ...] with the body output's declared type and static dims.</summary>
    private static TensorValue EmptyStack(Value declared)
    {
        var type = declared.TensorType ?? throw new OnnxKitException($"cannot make an empty scan output for '{declared.Name}' without its declared type.");
        var dims = type.Shape is { IsStatic: true } shape ? shape.ToSizes().Select(d => (int)d) : [];
        return TensorValue.Zeros(type.ElementType, [0, .. dims]);
    }

    private static void Scan(OpContext c)
    {
        var body = c.Graph("body");
        int scanInputs = (int)c.Required("num_scan_inputs").AsInt();
        int stateCount = c.InputCount - scanInputs;
        var inputAxes = c.Ints("scan_input_axes") ?? new long[scanInputs];
        var inputDirections = c.Ints("scan_input_directions") ?? new long[scanInputs];
        int scanOutputs = body.Outputs.Count - stateCount;
        var outputAxes = c.Ints("scan_output_axes") ?? new long[scanOutputs];
        var outputDirections = c.Ints("scan_output_directions") ?? new long[scanOutputs];
        var sequences = Enumerable.Range(stateCount, scanInputs).Select(c.Input).ToArray();
        var axes = sequences.Select((s, i) => ShapeMath.NormalizeAxis(inputAxes[i], s.Rank)).ToArray();
        int length = sequences.Length == 0 ? 0 : sequences[0].Dims[axes[0]];
        if (sequences.Select((s, i) => s.Dims[axes[i]]).Any(l => l != length)) throw new OnnxKitException("scan inputs have different sequence lengths.");
        var state = Enumerable.Range(0, stateCount).Select(i => c.Value(i)).ToArray();
        var collected = Enumerable.Range(0, scanOutputs).Select(_ => new List<TensorValue>()).ToArray();
        var stacked = new long[scanOutputs];
        for (int t = 0; t < length; t++)
        {
            Iterate(c, t, "Scan");
            var slices = sequences.Select((s, i) => (RuntimeValue?)Stacking.At(s, axes[i], inputDirections[i] != 0 ? length - 1 - t : t));
            var outputs = c.RunSubgraph(body, [.. state, .. slices]);
            for (int k = 0; k < stateCount; k++) state[k] = outputs[k];
            for (int k = 0; k < scanOutputs; k++)
            {
                var item = (TensorValue)outputs[stateCount + k];
                stacked[k] = Accumulate(c, stacked[k], item, body.Outputs[stateCount + k].Name);
                collected[k].Add(item);
            }
        }
        for (int k = 0; k < stateCount; k++) c.SetOutput(k, state[k]!);
        for (int k = 0; k < scanOutputs; k++)
        {
            var items = collected[k];
            if (outputDirections[k] != 0) items.Reverse();
            if (items.Count == 0)
            {
                c.SetOutput(stateCount + k, EmptyStack(body.Outputs[stateCount + k]));
                continue;
            }
            int axis = ShapeMath.NormalizeAxis(outputAxes[k], items[0].Rank + 1);
            c.SetOutput(stateCount + k, Stacking.Stack(items, axis));
        }
    }

    /// <summary>
    /// Scan-8: inputs are batched (axis 0) and scanned along axis 1, each batch entry separately and
    /// only up to its sequence_lens entry; scan outputs past a sequence's end stay zero.
    /// </summary>
    private static void ScanWithBatch(OpContext c)
    {
        var body = c.Graph("body");
        int scanInputs = (int)c.Required("num_scan_inputs").AsInt();
        int stateCount = c.InputCount - 1 - scanInputs;
        var directions = c.Ints("directions") ?? new long[scanInputs];
        var states = Enumerable.Range(1, stateCount).Select(c.Input).ToArray();
        var sequences = Enumerable.Range(1 + stateCount, scanInputs).Select(c.Input).ToArray();
        int batch = sequences[0].Dims[0], length = sequences[0].Dims[1];
        var lengths = c.OptionalInput(0) is { } l ? KernelInputs.Longs(l) : Enumerable.Repeat((long)length, batch).ToArray();
        int scanOutputs = body.Outputs.Count - stateCount;
        var finalStates = Enumerable.Range(0, stateCount).Select(_ => new List<TensorValue>()).ToArray();
        var outputs = Enumerable.Range(0, scanOutputs).Select(_ => new List<TensorValue>()).ToArray();
        for (int b = 0; b < batch; b++)
        {
            var state = states.Select(s => (RuntimeValue?)Stacking.At(s, 0, b)).ToArray();
            var rows = sequences.Select(s => Stacking.At(s, 0, b)).ToArray();
            int valid = (int)Math.Clamp(lengths[b], 0, length);
            var collected = Enumerable.Range(0, scanOutputs).Select(_ => new List<TensorValue>()).ToArray();
            for (int t = 0; t < valid; t++)
            {
                var slices = rows.Select((s, i) => (RuntimeValue?)Stacking.At(s, 0, directions[i] != 0 ? valid - 1 - t : t));
                var result = c.RunSubgraph(body, [.. state, .. slices]);
                for (int k = 0; k < stateCount; k++) state[k] = result[k];
                for (int k = 0; k < scanOutputs; k++) collected[k].Add((TensorValue)result[stateCount + k]);
            }
            for (int k = 0; k < stateCount; k++) finalStates[k].Add((TensorValue)state[k]!);
            for (int k = 0; k < scanOutputs; k++)
            {
                var template = collected[k].Count > 0 ? collected[k][0] : EmptyStack(body.Outputs[stateCount + k]);
                while (collected[k].Count < length) collected[k].Add(TensorValue.Zeros(template.ElementType, collected[k].Count > 0 ? collected[k][0].Dims : template.Dims[1..]));
                outputs[k].Add(Stacking.Stack(collected[k], 0));
            }
        }
        for (int k = 0; k < stateCount; k++) c.SetOutput(k, Stacking.Stack(finalStates[k], 0));
        for (int k = 0; k < scanOutputs; k++) c.SetOutput(stateCount + k, Stacking.Stack(outputs[k], 0));
    }
}
