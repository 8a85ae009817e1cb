using OnnxKit.Ir;

namespace OnnxKit.ShapeInference.Rules;

/// <summary>If, Loop and Scan: their outputs come from inferring their bodies.</summary>
internal static class ControlFlowRules
{
    public static void Register(IDictionary<string, ShapeRule> rules)
    {
        rules["If"] = If;
        rules["Loop"] = Loop;
        rules["Scan"] = Scan;
    }

    /// <summary>If: what both branches' outputs have in common.</summary>
    private static void If(NodeContext context)
    {
        var thenTypes = context.InferSubgraph("then_branch", []);
        var elseTypes = context.InferSubgraph("else_branch", []);
        if (thenTypes is null || elseTypes is null) return;
        if (thenTypes.Count != elseTypes.Count || thenTypes.Count != context.OutputCount)
            throw context.Fail($"the branches yield {thenTypes.Count} and {elseTypes.Count} values for {context.OutputCount} outputs");
        for (int i = 0; i < thenTypes.Count; i++)
        {
            if (TypeMerger.Union(thenTypes[i], elseTypes[i]) is { } type) context.SetOutputType(i, type);
        }
    }

    /// <summary>
    /// Loop: the body gets (iteration number, condition, carried values). A carried value keeps its
    /// shape when trial walks show the body returns it unchanged (then every iteration does);
    /// otherwise it goes in without a shape, as that may change between iterations. A carried output
    /// keeps what the initial value and the body's output share; a scan output is the body's
    /// per-iteration output stacked on a new first axis of unknown length.
    /// </summary>
    private static void Loop(NodeContext context)
    {
        int carried = Math.Max(context.InputCount - 2, 0);
        var bodyInputs = new List<OnnxType?> { new TensorType(DataType.Int64, Shape.Scalar), new TensorType(DataType.Bool, Shape.Scalar) };
        for (int i = 0; i < carried; i++) bodyInputs.Add(context.InputType(2 + i));
        if (!CarriedShapesHold(context, bodyInputs, carried))
        {
            for (int i = 0; i < carried; i++) bodyInputs[2 + i] = WithoutShape(bodyInputs[2 + i]);
        }
        var bodyOutputs = context.InferSubgraph("body", bodyInputs);
        if (bodyOutputs is null) return;
        if (bodyOutputs.Count != context.OutputCount + 1)
            throw context.Fail($"the body yields {bodyOutputs.Count} values; the condition and {context.OutputCount} outputs expected");
        for (int i = 0; i < context.OutputCount; i++)
        {
            var bodyType = bodyOutputs[1 + i];
            OnnxType? type = i < carried
                ? TypeMerger.Union(context.InputType(2 + i), bodyType) ?? bodyType
                : bodyType is TensorType { Shape: var shape } tensor
                    ? tensor with { Shape = shape is null ? null : new Shape([Dim.Unknown(), .. shape]) }
                    : null;
            if (type is not null) context.SetOutputType(i, type);
        }
    }

    /// <summary>
    /// Trial walks of the body that drop the shapes of carried values the body changes, until the
    /// body returns every remaining shape unchanged (then it does so in every iteration). Gives up
    /// after a few rounds, and inside another trial (so nested loops cost a bounded number of walks).
    /// </summary>
    private static bool CarriedShapesHold(NodeContext context, List<OnnxType?> bodyInputs, int carried)
    {
        const int MaxTrials = 4;
        if (context.Frame.Store.Quiet) return false;
        for (int trial = 0; trial < MaxTrials; trial++)
        {
            var outputs = context.TrySubgraph("body", bodyInputs);
            if (outputs is null || outputs.Count <= carried) return false;
            bool changed = false;
            for (int i = 0; i < carried; i++)
            {
                var assumed = bodyInputs[2 + i];
                if (TypeMerger.SameFacts(assumed, WithoutShape(assumed)) || TypeMerger.SameFacts(outputs[1 + i], assumed)) continue;
                bodyInputs[2 + i] = WithoutShape(assumed);
                changed = true;
            }
            if (!changed) return true;
        }
        return false;
    }

    private static OnnxType? WithoutShape(OnnxType? type) => type switch
    {
        TensorType t => t with { Shape = null },
        SequenceType { ElementType: TensorType e } s => s with { ElementType = e with { Shape = null } },
        OptionalType { ElementType: { } e } o => o with { ElementType = WithoutShape(e) },
        _ => type,
    };

    /// <summary>
    /// Scan: state values pass through; each scan input is cut along its scan axis, and each scan
    /// output stacks the body's outputs along its scan output axis. Opset 8's form also has a batch
    /// axis first and an optional sequence_lens input.
    /// </summary>
    private static void Scan(NodeContext context)
    {
        bool batched = context.Opset < 9;
        int first = batched ? 1 : 0;
        int scanInputs = (int)context.Int("num_scan_inputs", -1);
        int states = context.InputCount - first - scanInputs;
        if (scanInputs < 0 || states < 0 || states > context.OutputCount)
            throw context.Fail($"num_scan_inputs {scanInputs} does not fit {context.InputCount} inputs and {context.OutputCount} outputs");
        int scanOutputs = context.OutputCount - states;
        var inputAxes = batched ? null : context.Ints("scan_input_axes");
        var outputAxes = batched ? null : context.Ints("scan_output_axes");
        if (inputAxes is not null && inputAxes.Count != scanInputs) throw context.Fail($"scan_input_axes has {inputAxes.Count} values for {scanInputs} scan inputs");
        if (outputAxes is not null && outputAxes.Count != scanOutputs) throw context.Fail($"scan_output_axes has {outputAxes.Count} values for {scanOutputs} scan outputs");

        Dim batch = Dim.Unknown();
        Dim? length = null;
        var bodyInputs = new List<OnnxType?>();
        for (int i = 0; i < states + scanInputs; i++)
        {
            var type = context.InputTensor(first + i);
            if (type?.Shape is not { } shape)
            {
                bodyInputs.Add(type);
                continue;
            }
            if (batched)
            {
                if (shape.Rank < (i < states ? 1 : 2)) throw context.Fail($"input {first + i} of shape {shape} lacks the batch (and sequence) axes");
                batch = DimMath.Merge(batch, shape[0]) ?? throw context.Fail("inputs disagree on the batch size");
                shape = new Shape(shape.Skip(1));
            }
            if (i >= states)
            {
                int axis = batched ? 0 : context.Axis(inputAxes?[i - states] ?? 0, shape.Rank, "scan input axis");
                length = length is { } known ? DimMath.Merge(known, shape[axis]) ?? throw context.Fail("scan inputs disagree on the sequence length") : DimMath.Strip(shape[axis]);
                shape = new Shape(shape.Where((_, k) => k != axis));
            }
            bodyInputs.Add(type with { Shape = shape });
        }
        var bodyOutputs = context.InferSubgraph("body", bodyInputs);
        if (bodyOutputs is null) return;
        if (bodyOutputs.Count != context.OutputCount)
            throw context.Fail($"the body yields {bodyOutputs.Count} values for {context.OutputCount} outputs");

        var prefix = batched ? new[] { batch } : [];
        for (int i = 0; i < context.OutputCount; i++)
        {
            if (bodyOutputs[i] is not TensorType body) continue;
            if (i < states)
            {
                var state = body.Shape is null ? body : body with { Shape = new Shape([.. prefix, .. body.Shape]) };
                context.SetOutputType(i, TypeMerger.Refine(context.InputType(first + i), state, out _) ?? TypeMerger.Union(context.InputType(first + i), state) ?? state);
                continue;
            }
            if (body.Shape is null)
            {
                context.SetOutputType(i, body);
                continue;
            }
            int axis = batched ? 0 : context.Axis(outputAxes?[i - states] ?? 0, body.Shape.Rank + 1, "scan output axis");
            var dims = body.Shape.ToList();
            dims.Insert(axis, length ?? Dim.Unknown());
            context.SetOutputType(i, body with { Shape = new Shape([.. prefix, .. dims]) });
        }
    }
}
