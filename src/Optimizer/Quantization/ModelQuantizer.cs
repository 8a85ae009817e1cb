using OnnxKit.Ir;
using OnnxKit.Optimizer.Float16;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Quantization.Calibration;
using OnnxKit.Optimizer.Quantization.Formats;
using OnnxKit.Optimizer.Quantization.Numerics;
using OnnxKit.Optimizer.Quantization.Placement;
using OnnxKit.Optimizer.Quantization.Reporting;
using OnnxKit.Optimizer.Quantization.Verification;
using OnnxKit.Optimizer.Rules.Cleanup;

namespace OnnxKit.Optimizer.Quantization;

/// <summary>
/// The quantizer's entry point: quantizes a copy of a float model (the input is never changed) in the
/// chosen mode and format, verifies it against the float model on evaluation samples, measures every
/// quantized tensor's SQNR when asked, and, when the result is beyond the budget, puts layers back to
/// float one at a time, worst SQNR first, until the budget holds.
/// </summary>
public static class ModelQuantizer
{
    /// <summary>The metadata key a quantized model carries, with the settings as its value.</summary>
    public const string MetadataKey = "onnxkit.quantization";

    /// <summary>Quantizes a copy of <paramref name="model"/>.</summary>
    /// <exception cref="OnnxKitException">
    /// The model is already quantized (without <see cref="QuantizeOptions.Requantize"/>), holds nothing to quantize,
    /// its opset lacks the operators the options need, or calibration data is missing, empty or does not fit.
    /// </exception>
    public static QuantizationResult Quantize(Model model, QuantizeOptions options, QuantizationServices services)
    {
        var warnings = new List<string>();
        var notes = new List<string>();
        CheckOptions(options, warnings);
        var source = Prepare(model, options, notes);
        var calibrator = options.Mode == QuantizationMode.Static ? new Calibrator(source, options.Calibration, services) : null;
        var excluded = new HashSet<string>(options.NodesToExclude, StringComparer.Ordinal);
        var built = Build(source, options with { NodesToExclude = excluded }, calibrator);
        if (built.QuantizedNodes.Count == 0)
        {
            var reasons = built.Kept.Take(5).Select(k => $"{k.Node} ({k.OpType}): {k.Reason}");
            throw new OnnxKitException($"Nothing to quantize in {options.Mode} mode: the model has no {string.Join(", ", QuantizableTypes(options))} nodes that can be quantized"
                + (built.Kept.Count > 0 ? $"; {string.Join("; ", reasons)}" : "") + ".");
        }

        var evaluation = options.Verify ? services.Evaluation ?? services.Calibration : null;
        string evaluationSource = services.Evaluation is not null ? services.EvaluationDescription ?? "the evaluation data"
            : services.CalibrationDescription is { } c ? $"{c} (the calibration samples)" : "the calibration samples";
        var budget = options.Budget ?? new QuantizationBudget();
        QuantizationVerification? verification = null, budgetStart = null;
        IReadOnlyList<TensorQuantization> records = built.Records;
        var steps = new List<BudgetStep>();
        if (evaluation is null)
        {
            if (options.Budget is not null) throw new OnnxKitException("An accuracy budget needs evaluation data to measure the quantized model on.");
            notes.Add(options.Verify ? "Not verified: no evaluation data." : "Not verified (verification was turned off).");
        }
        else
        {
            bool search = options.Budget is not null;
            (verification, records, var reference) = ModelComparison.First(source, built.Model, records, services, evaluation, evaluationSource, budget,
                options.MeasureActivations || search);
            if (!verification.Passed && search)
            {
                budgetStart = verification;
                foreach (var (node, opType, score) in Ranked(built, records))
                {
                    services.Cancellation.ThrowIfCancellationRequested();
                    excluded.Add(node);
                    built = Build(source, options with { NodesToExclude = excluded }, calibrator);
                    verification = ModelComparison.Against(reference, built.Model, services, evaluation, evaluationSource, budget);
                    steps.Add(new BudgetStep(node, opType, score, verification.Outputs.Min(o => o.Cosine), verification.AccuracyDrop, verification.Passed));
                    services.Progress?.Report(new QuantizationProgress("budget", steps.Count, verification.Samples));
                    if (verification.Passed || built.QuantizedNodes.Count == 0) break;
                }
                records = MergeMeasurements(built.Records, records);
            }
            if (!verification!.Passed) warnings.Add($"The quantized model is beyond the budget ({budget}): {verification.Failure}.");
        }
        if (options.Mode == QuantizationMode.Static && source.Graph.Nodes.Any(n => n is { OpType: "BatchNormalization", IsDefaultDomain: true }))
            warnings.Add("The model still has BatchNormalization nodes, which stay float between Q/DQ; 'onnxkit optimize --int8' folds them into the convolutions first.");
        if (calibrator is not null && services.CalibrationIsRandom)
            warnings.Add("Calibrated on RANDOM inputs: activation ranges do not reflect real data, so accuracy is not meaningful; use --calibration-data with real samples.");

        built.Model.Metadata.RemoveAll(m => m.Key == MetadataKey);
        built.Model.Metadata.Add(new(MetadataKey, Describe(options)));
        var report = new QuantizationReport
        {
            Options = options,
            Before = ModelStats.Of(model),
            After = ModelStats.Of(built.Model),
            QuantizedNodes = built.QuantizedNodes,
            Tensors = records,
            Kept = built.Kept,
            Folded = built.Folded,
            Calibration = calibrator is null ? null : services.CalibrationDescription,
            CalibrationSamples = calibrator?.Samples ?? 0,
            Verification = verification,
            BudgetStart = budgetStart,
            Budget = steps,
            Warnings = warnings,
            Notes = notes,
        };
        return new QuantizationResult(built.Model, report);
    }

    /// <summary>A quantized model with what it took.</summary>
    private sealed record Built(Model Model, List<TensorQuantization> Records, IReadOnlyList<KeptNode> Kept, IReadOnlyList<FoldedActivation> Folded,
        IReadOnlyDictionary<string, int> QuantizedNodes, IReadOnlyList<string> NodeKeys);

    private static Built Build(Model source, QuantizeOptions options, Calibrator? calibrator)
    {
        var model = source.Clone();
        Built built;
        switch (options.Mode)
        {
            case QuantizationMode.Static:
                var plan = QdqPlanner.Plan(model, options);
                var type = QuantizedType.For(options.ActivationType, options.SymmetricActivations);
                var ranges = plan.Nodes.Count == 0 ? [] : calibrator!.Ranges(plan.RangeSources, type, options.SymmetricActivations);
                var records = QdqRewriter.Apply(plan, ranges, options).ToList();
                if (options.Format == QuantizationFormat.QOperator) QOperatorConverter.Apply(model);
                built = new Built(model, records, plan.Kept, plan.Folded, Count(plan.Nodes.Select(n => n.Node.OpType)),
                    plan.Nodes.Select(n => Float16Converter.NodeKey(n.Node)).ToList());
                break;
            default:
                var (weightRecords, kept) = options.Mode == QuantizationMode.Dynamic ? DynamicQuantizer.Apply(model, options) : WeightOnlyQuantizer.Apply(model, options);
                var weights = weightRecords.Where(r => r.Role == TensorRole.Weight).ToList();
                built = new Built(model, weightRecords, kept, [], Count(weights.Select(w => w.OpType)), weights.Select(w => w.Node).Distinct().ToList());
                break;
        }
        new DeadCodeEliminationPass().Run(model, new PassContext());
        return built;
    }

    private static IReadOnlyDictionary<string, int> Count(IEnumerable<string> opTypes) =>
        opTypes.GroupBy(o => o, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Quantized nodes, worst first: by the lower of their weights' SQNR and their output's own SQNR.</summary>
    private static List<(string Node, string OpType, double Score)> Ranked(Built built, IReadOnlyList<TensorQuantization> records)
    {
        var scores = new Dictionary<string, (string OpType, double Score)>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            double? score = r.Role == TensorRole.Activation ? r.LocalSqnr : r.Role == TensorRole.Weight ? r.WeightSqnr : null;
            if (score is not double s || !built.NodeKeys.Contains(r.Node)) continue;
            scores[r.Node] = scores.TryGetValue(r.Node, out var known) ? (known.OpType, Math.Min(known.Score, s)) : (r.OpType, s);
        }
        return scores.OrderBy(s => s.Value.Score).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value.OpType, s.Value.Score)).ToList();
    }

    /// <summary>The final records, keeping the activation measurements made on the first candidate.</summary>
    private static List<TensorQuantization> MergeMeasurements(List<TensorQuantization> final, IReadOnlyList<TensorQuantization> measured)
    {
        var byName = measured.Where(m => m.Role == TensorRole.Activation).GroupBy(m => m.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return final.Select(r => r.Role == TensorRole.Activation && byName.TryGetValue(r.Name, out var m) && m.ScaleMin == r.ScaleMin
            ? r with { LocalSqnr = m.LocalSqnr, Histogram = m.Histogram } : r).ToList();
    }

    private static IEnumerable<string> QuantizableTypes(QuantizeOptions options) => options.Mode == QuantizationMode.Static
        ? (options.OpTypes ?? QuantizableOperators.OpTypes.ToHashSet()).Where(t => QuantizableOperators.RoleOf(t) is OperatorRole.Compute or OperatorRole.Binary or OperatorRole.Unary or OperatorRole.Variadic).Order(StringComparer.Ordinal)
        : ["Conv", "MatMul", "Gemm"];

    /// <summary>Checks the model is float and not quantized (or turns a QDQ model back into float when asked).</summary>
    private static Model Prepare(Model model, QuantizeOptions options, List<string> notes)
    {
        if (QuantizedModels.FindQuantizedNode(model) is not { } node) return model;
        if (!options.Requantize)
            throw new OnnxKitException($"The model is already quantized (it holds {node}); quantize the float original, or pass --requantize to turn its QDQ pairs back into float first.");
        notes.Add($"Requantized: the model's QuantizeLinear/DequantizeLinear pairs were turned back into float first (it held {node}).");
        return QuantizedModels.ToFloat(model);
    }

    private static void CheckOptions(QuantizeOptions options, List<string> warnings)
    {
        if (options.ActivationType is not (DataType.UInt8 or DataType.Int8 or DataType.UInt16 or DataType.Int16))
            throw new OnnxKitException($"Activations cannot be quantized to {options.ActivationType.OnnxName()}; use uint8, int8, uint16 or int16.");
        if (options.WeightType is not (DataType.Int8 or DataType.UInt8 or DataType.Int4 or DataType.UInt4))
            throw new OnnxKitException($"Weights cannot be quantized to {options.WeightType.OnnxName()}; use int8, uint8, int4 or uint4.");
        if (options.Mode == QuantizationMode.Dynamic && options.WeightType.BitWidth() == 4)
            throw new OnnxKitException("Dynamic quantization multiplies 8-bit integers (MatMulInteger, ConvInteger); use --weight-type s8 or u8, or weight-only mode for 4-bit weights.");
        if (options.BlockSize < 0) throw new OnnxKitException("The block size must be positive.");
        if (options.BlockSize > 0 && options.Mode != QuantizationMode.WeightOnly) throw new OnnxKitException("Blocked weights (--block-size) are for weight-only mode.");
        if (options.Mode != QuantizationMode.Static) return;
        if (options.ActivationType == DataType.Int8)
            warnings.Add("int8 activations: ONNX Runtime's CPU provider fuses them into integer kernels only on ARM (session.qdqisint8allowed); on x86 those nodes run in float between Q/DQ. uint8 is the fast choice on x86; int8 suits TensorRT.");
        if (options.ActivationType.BitWidth() == 16)
            warnings.Add("16-bit activations: ONNX Runtime's CPU provider has no 16-bit QDQ fusions, so the nodes run in float between Q/DQ (accurate, not faster); other providers (e.g. QNN) use them.");
        if (options.WeightType.BitWidth() == 4)
            warnings.Add("4-bit weights in static QDQ: ONNX Runtime's CPU provider does not fuse Conv/Gemm with 4-bit weights; consider weight-only mode.");
    }

    private static string Describe(QuantizeOptions o) => o.Mode switch
    {
        QuantizationMode.Static => $"static {o.Format.ToString().ToLowerInvariant()}; activations {o.ActivationType.OnnxName()}{(o.SymmetricActivations ? " symmetric" : "")}; weights {o.WeightType.OnnxName()}{(o.SymmetricWeights ? " symmetric" : "")}{(o.PerChannel ? " per channel" : "")}{(o.ReduceRange ? " reduced range" : "")}; calibration {o.Calibration}",
        QuantizationMode.Dynamic => $"dynamic; weights {o.WeightType.OnnxName()}{(o.PerChannel ? " per channel" : "")}",
        _ => $"weight-only; weights {o.WeightType.OnnxName()}{(o.BlockSize > 0 ? $" blocks of {o.BlockSize}" : o.PerChannel ? " per channel" : "")}",
    };
}
