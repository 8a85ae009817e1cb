using System.CommandLine;
using OnnxKit.Cli.Quantization;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Quantization;
using OnnxKit.Optimizer.Quantization.Calibration;

namespace OnnxKit.Cli.Commands;

/// <summary>
/// The options of <c>onnxkit quantize</c>, shared with <c>onnxkit optimize --int8</c>: mode, format,
/// types, granularity, scope, calibration and evaluation data, budget and report, folded into
/// <see cref="QuantizeOptions"/> and a <see cref="QuantizationData"/> description.
/// </summary>
internal sealed class QuantizeArguments
{
    private readonly Option<string?> mode = new Option<string?>("--mode")
    {
        Description = "static (calibrated activations; the default when --calibration-data is given), dynamic (activations quantized at run time; the default otherwise) or weight-only.",
    }.AcceptOnlyFromAmong("static", "dynamic", "weight-only");

    private readonly Option<QuantizationFormat> format = CliArguments.Choice("--format",
        "Static mode: qdq (QuantizeLinear/DequantizeLinear around float operators, fused by runtimes) or qoperator (QLinearConv, QLinearMatMul, MatMulInteger).",
        QuantizationFormat.Qdq);

    private readonly Option<string> activationType = new Option<string>("--activation-type")
    {
        Description = "Activation type: u8 (fastest on x86 CPUs), s8 (TensorRT, ARM), u16 or s16 (accuracy; opset 21).",
        DefaultValueFactory = _ => "u8",
    }.AcceptOnlyFromAmong("u8", "s8", "u16", "s16");

    private readonly Option<string> weightType = new Option<string>("--weight-type")
    {
        Description = "Weight type: s8 (default), u8, s4 or u4 (4-bit: opset 21; weight-only mode is blocked).",
        DefaultValueFactory = _ => "s8",
    }.AcceptOnlyFromAmong("s8", "u8", "s4", "u4");

    private readonly Option<bool> perChannel = new("--per-channel") { Description = "One weight scale per output channel (opset 13+ in QDQ form). Pass 'false' for one per tensor.", DefaultValueFactory = _ => true };
    private readonly Option<bool> symmetricActivations = new("--symmetric-activations") { Description = "Activation ranges centred on zero (what TensorRT wants); ReLUs are then kept." };
    private readonly Option<bool> symmetricWeights = new("--symmetric-weights") { Description = "Weight ranges centred on zero (zero point 0). Pass 'false' for asymmetric weights.", DefaultValueFactory = _ => true };
    private readonly Option<bool> reduceRange = new("--reduce-range") { Description = "7-bit weights, for CPUs without VNNI where u8·s8 multiply-adds can saturate." };
    private readonly Option<int> blockSize = new("--block-size") { Description = "Weight-only mode: weights per block along the reduction axis (opset 21; 4-bit default 128)." };

    /// <summary><c>--calibration-data</c>.</summary>
    public Option<string?> CalibrationData { get; } = new("--calibration-data")
    {
        Description = "Calibration samples: a .npz (one array per input, first axis = samples), a folder of .npy/.pb test-data sets, an MNIST/IDX file, an image folder (with --resize, --scale, --mean, --std), fashion-mnist[:train|:test], or 'random' (noise, with a warning).",
    };

    private readonly PreprocessingArguments preprocessing = new();

    private readonly Option<string> calibrate = new("--calibrate")
    {
        Description = "How ranges are chosen: minmax, minmax:moving-average, entropy, percentile[:99.999] or distribution.",
        DefaultValueFactory = _ => "minmax",
    };

    private readonly Option<int> calibrationSamples = new("--calibration-samples") { Description = "Use at most this many calibration samples (0: all).", DefaultValueFactory = _ => 0 };
    private readonly Option<int> batchSize = new("--batch-size") { Description = "Samples per calibration and evaluation batch.", DefaultValueFactory = _ => 16 };
    private readonly Option<string?> evalData = new("--eval-data") { Description = "Held-out samples to verify and debug on (same forms as --calibration-data); default: the calibration samples." };
    private readonly Option<int> evalSamples = new("--eval-samples") { Description = "Use at most this many evaluation samples (0: all).", DefaultValueFactory = _ => 0 };

    private readonly Option<string[]> nodesToExclude = new("--nodes-to-exclude") { Description = "Node names left in float (comma-separated or repeated).", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string[]> opTypes = new("--op-types") { Description = "Quantize only these operator types (comma-separated or repeated).", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string[]> excludeOpTypes = new("--exclude-op-types") { Description = "Operator types left in float (comma-separated or repeated).", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<bool> requantize = new("--requantize") { Description = "Accept a model that already holds QuantizeLinear/DequantizeLinear: turn them back into float first." };

    private readonly Option<bool> verifyOutputs = new("--verify-outputs")
    {
        Description = "Compare the quantized model with the float one on the evaluation samples (pass 'false' to skip).",
        DefaultValueFactory = _ => true,
    };

    private readonly Option<string?> maxError = new("--max-error") { Description = "Error budget on every output: cosine:0.99 (least cosine similarity) or relative:0.05; layers go back to float, worst first, until it holds." };
    private readonly Option<double?> maxAccuracyDrop = new("--max-accuracy-drop") { Description = "With labelled evaluation data: most top-1 points the model may lose; layers go back to float until it holds." };

    /// <summary><c>--report</c>.</summary>
    public Option<FileInfo?> Report { get; }

    private readonly Option<BackendKind> backend = CliArguments.Choice("--backend",
        "Where calibration and verification run: ort (ONNX Runtime, CPU) or reference (the pure-C# evaluator).", BackendKind.Ort);

    private readonly Option<int> seed;
    private readonly bool sharedOptions;

    /// <summary>
    /// The options; <paramref name="report"/> and <paramref name="seed"/> are another command's own options with those
    /// names (<c>optimize</c>'s), shared rather than declared twice.
    /// </summary>
    public QuantizeArguments(Option<FileInfo?>? report = null, Option<int>? seed = null)
    {
        sharedOptions = report is not null;
        Report = report ?? new Option<FileInfo?>("--report") { Description = "Write the accuracy debugger's report: FILE.html (SQNR bars, histograms) or FILE.json." };
        this.seed = seed ?? new Option<int>("--seed") { Description = "Seed of random calibration data.", DefaultValueFactory = _ => 0 };
    }

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[]
        {
            mode, format, activationType, weightType, perChannel, symmetricActivations, symmetricWeights, reduceRange, blockSize,
            CalibrationData, calibrate, calibrationSamples, batchSize, evalData, evalSamples, nodesToExclude, opTypes, excludeOpTypes, requantize,
            verifyOutputs, maxError, maxAccuracyDrop, backend,
        })
            command.Options.Add(option);
        preprocessing.AddTo(command);
        if (sharedOptions) return;
        command.Options.Add(Report);
        command.Options.Add(seed);
    }

    /// <summary>The quantization settings the options describe.</summary>
    public QuantizeOptions Options(ParseResult parse)
    {
        var chosen = parse.GetValue(mode) switch
        {
            "static" => QuantizationMode.Static,
            "dynamic" => QuantizationMode.Dynamic,
            "weight-only" => QuantizationMode.WeightOnly,
            _ => parse.GetValue(CalibrationData) is null ? QuantizationMode.Dynamic : QuantizationMode.Static,
        };
        if (chosen == QuantizationMode.Static && parse.GetValue(CalibrationData) is null)
            throw new UsageException("Static quantization needs --calibration-data (samples, or 'random' for noise); or choose --mode dynamic or weight-only.");
        CalibrationMethod method;
        try
        {
            method = CalibrationMethod.Parse(parse.GetValue(calibrate)!);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--calibrate: {e.Message}");
        }
        var budget = Budget(parse);
        if (budget is not null && !parse.GetValue(verifyOutputs)) throw new UsageException("An accuracy budget needs verification; drop --verify-outputs false.");
        if (parse.GetValue(blockSize) < 0) throw new UsageException("--block-size must be positive.");
        return new QuantizeOptions
        {
            Mode = chosen,
            Format = parse.GetValue(format),
            ActivationType = TypeOf(parse.GetValue(activationType)!),
            WeightType = TypeOf(parse.GetValue(weightType)!),
            PerChannel = parse.GetValue(perChannel),
            SymmetricActivations = parse.GetValue(symmetricActivations),
            SymmetricWeights = parse.GetValue(symmetricWeights),
            ReduceRange = parse.GetValue(reduceRange),
            BlockSize = parse.GetValue(blockSize),
            Calibration = method,
            OpTypes = List(parse.GetValue(opTypes)) is { Count: > 0 } only ? only : null,
            ExcludeOpTypes = List(parse.GetValue(excludeOpTypes)),
            NodesToExclude = List(parse.GetValue(nodesToExclude)),
            Requantize = parse.GetValue(requantize),
            Budget = budget,
            Verify = parse.GetValue(verifyOutputs),
            MeasureActivations = parse.GetValue(Report) is { } report && ReportFormat(report) is not null && CliArguments.OutputFile(report, "--report") is not null,
        };
    }

    /// <summary>The report's format from its extension: html or json.</summary>
    public static string ReportFormat(FileInfo report) => Path.GetExtension(report.Name).ToLowerInvariant() switch
    {
        ".html" or ".htm" => "html",
        ".json" => "json",
        _ => throw new UsageException($"--report '{report.Name}': the report is written as .html or .json."),
    };

    /// <summary>Where the samples come from and how they are batched.</summary>
    public QuantizationData Data(ParseResult parse)
    {
        int batch = parse.GetValue(batchSize);
        if (batch < 1) throw new UsageException("--batch-size must be at least 1.");
        if (parse.GetValue(calibrationSamples) < 0 || parse.GetValue(evalSamples) < 0) throw new UsageException("Sample counts must be 0 (all) or more.");
        return new QuantizationData(parse.GetValue(CalibrationData), parse.GetValue(calibrationSamples), parse.GetValue(evalData), parse.GetValue(evalSamples),
            batch, parse.GetValue(seed), parse.GetValue(backend), preprocessing.Options(parse));
    }

    private QuantizationBudget? Budget(ParseResult parse)
    {
        QuantizationBudget? budget = null;
        if (parse.GetValue(maxError) is { } text)
        {
            try
            {
                budget = QuantizationBudget.ParseError(text);
            }
            catch (FormatException e)
            {
                throw new UsageException($"--max-error: {e.Message}");
            }
        }
        if (parse.GetValue(maxAccuracyDrop) is double drop)
        {
            if (!(drop >= 0)) throw new UsageException("--max-accuracy-drop takes points of top-1 accuracy, 0 or more.");
            budget = (budget ?? new QuantizationBudget()) with { MaxAccuracyDrop = drop };
        }
        return budget;
    }

    private static DataType TypeOf(string name) => name switch
    {
        "u8" => DataType.UInt8,
        "s8" => DataType.Int8,
        "u16" => DataType.UInt16,
        "s16" => DataType.Int16,
        "u4" => DataType.UInt4,
        _ => DataType.Int4,
    };

    private static HashSet<string> List(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
}
