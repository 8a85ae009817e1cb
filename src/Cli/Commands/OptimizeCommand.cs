using System.CommandLine;
using System.Globalization;
using OnnxKit.Cli.Rendering;
using OnnxKit.Execution;
using OnnxKit.Optimizer;
using OnnxKit.Optimizer.Float16;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Quantization;

namespace OnnxKit.Cli.Commands;

/// <summary><c>onnxkit optimize IN -o OUT [--level ...] [--passes ...] [--fp16 ...] [--verify N] [--verify-each] [--report FILE]</c>.</summary>
internal static class OptimizeCommand
{
    public static Command Create()
    {
        var model = new Argument<FileInfo?>("model")
        {
            Description = "The ONNX model to optimize (it is never modified).",
            Arity = ArgumentArity.ZeroOrOne,
            CustomParser = result =>
            {
                if (result.Tokens is not [{ Value: var path }]) return null;
                if (!string.IsNullOrWhiteSpace(path)) return new FileInfo(path);
                result.AddError("the model path is empty.");
                return null;
            },
        };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Where to write the optimized model (written atomically; external data goes beside it)." };
        var level = CliArguments.Choice("--level", "Which passes run: basic, extended or all.", PassLevel.All);
        var passes = new Option<string?>("--passes") { Description = "Run exactly these passes, comma-separated, in this order (see --list-passes)." };
        var skip = new Option<string[]>("--skip") { Description = "Leave out these passes (comma-separated or repeated).", Arity = ArgumentArity.ZeroOrMore };
        var listPasses = new Option<bool>("--list-passes") { Description = "List the passes with their level and a one-line description, and exit." };
        var maxIterations = CliArguments.Bounded(new Option<int>("--max-iterations") { Description = "Most pipeline iterations before giving up on a fixed point (1 to 10,000).", DefaultValueFactory = _ => 10 }, 1, 10_000);
        var fp16 = new Option<bool>("--fp16") { Description = "Convert float32 weights and computation to float16 after optimizing." };
        var keepIo = new Option<bool>("--keep-io-types") { Description = "With --fp16: keep float32 inputs and outputs, with Casts at the boundary.", DefaultValueFactory = _ => true };
        var opBlock = new Option<string[]>("--op-block-list")
        {
            Description = "With --fp16: operators to keep in float32, added to the defaults (comma-separated or repeated).", Arity = ArgumentArity.ZeroOrMore,
        };
        var nodeBlock = new Option<string[]>("--node-block-list")
        {
            Description = "With --fp16: node names to keep in float32 (comma-separated or repeated).", Arity = ArgumentArity.ZeroOrMore,
        };
        var mixed = new Option<string?>("--mixed-precision") { Description = "With --fp16: 'auto' searches for the nodes that must stay float32 to meet --tolerance." }
            .AcceptOnlyFromAmong("auto");
        var tolerance = CliArguments.Bounded(new Option<double>("--tolerance") { Description = "With --mixed-precision auto: relative tolerance of the outputs (absolute: a tenth of it); the search holds its trials to half of it.", DefaultValueFactory = _ => 1e-2 }, 0, double.MaxValue);
        var keepOnFailure = new Option<bool>("--keep-on-failure")
        {
            Description = "Write the optimized model even when it could not be verified, or (with --fp16) the float32 one when the float16 conversion fails verification; by default nothing is written.",
        };
        var nanScan = new Option<bool>("--nan-scan") { Description = "With --fp16: run the converted model and name the first layer producing NaN or infinity." };
        var verify = CliArguments.Bounded(new Option<int>("--verify") { Description = "Random input sets to verify on (0: no verification; at most 1,000).", DefaultValueFactory = _ => 1 }, 0, MaxVerifySets);
        var verifyEach = new Option<bool>("--verify-each") { Description = "Verify after every pass; undo and report a pass that changes the outputs." };
        var inputs = CliArguments.Inputs("Verification inputs; others are random.");
        var shapes = new ShapeArguments();
        var seed = new Option<int>("--seed") { Description = "Seed of the random inputs.", DefaultValueFactory = _ => 0 };
        var rtol = CliArguments.Bounded(new Option<double>("--rtol") { Description = "Relative tolerance of float32 outputs.", DefaultValueFactory = _ => Tolerance.Float32.Relative }, 0, double.MaxValue);
        var atol = CliArguments.Bounded(new Option<double>("--atol") { Description = "Absolute tolerance of float32 outputs.", DefaultValueFactory = _ => Tolerance.Float32.Absolute }, 0, double.MaxValue);
        var report = new Option<FileInfo?>("--report") { Description = "Write the full report as JSON to this file (with --int8: the quantization report, .json or .html)." };
        var int8 = new Option<bool>("--int8") { Description = "After the passes, quantize (the options of 'onnxkit quantize': --calibration-data, --mode, --format, ...)." };
        var json = CliArguments.Json();
        var explain = new Option<bool>("--explain") { Description = "Print every rewrite a pass considered and declined, with the reason." };
        var limits = new LimitArguments(runs: true);
        var command = new Command("optimize", "Optimize a model (folding, clean-ups, fusions, optional float16), verify it computes the same outputs, and write it.")
        {
            model, output, level, passes, skip, listPasses, maxIterations, fp16, keepIo, opBlock, nodeBlock, mixed, tolerance, nanScan,
            keepOnFailure, verify, verifyEach, inputs, seed, rtol, atol, report, json, explain, int8,
        };
        shapes.AddTo(command);
        var quantize = new QuantizeArguments(report, seed);
        quantize.AddTo(command);
        limits.AddTo(command);
        CommandAction.SetCancellable(command, (parse, cancellationToken) =>
        {
            if (parse.GetValue(listPasses))
            {
                var registry = PassRegistry.Default.Passes;
                if (parse.GetValue(json)) FrontEndReportJson.Print(registry, FrontEndReportJson.Default.IReadOnlyListPassInfo);
                else OptimizationRenderer.RenderPassList(registry);
                return ExitCodes.Ok;
            }
            var input = parse.GetValue(model) ?? throw new UsageException("Give the model to optimize (or --list-passes).");
            var resourceLimits = limits.Limits(parse);
            // First, so that ONNX Runtime loads while the model is checked, read and optimized; not at all without verification.
            bool verifies = parse.GetValue(verify) > 0 || parse.GetValue(verifyEach) || parse.GetValue(mixed) is not null || parse.GetValue(int8);
            var verificationBackend = Backends.ForVerification(resourceLimits, verifies);
            var target = parse.GetValue(output) ?? throw new UsageException("Give the output path with -o/--output.");
            if (parse.GetValue(level) == PassLevel.Explicit)
                throw new UsageException("--level explicit is no pipeline: explicit passes run only when named with --passes.");
            bool float16 = parse.GetValue(fp16);
            if (!float16 && (parse.GetValue(mixed) is not null || parse.GetValue(nanScan)))
                throw new UsageException("--mixed-precision and --nan-scan need --fp16.");
            var options = new OptimizeOptions
            {
                Level = parse.GetValue(level),
                Passes = parse.GetValue(passes) is { } list ? SplitList([list]) : null,
                Skip = SplitList(parse.GetValue(skip)),
                MaxIterations = parse.GetValue(maxIterations),
                Float16 = float16 ? Float16Settings(parse, keepIo, opBlock, nodeBlock, mixed, tolerance, nanScan) : null,
                Trace = parse.GetValue(explain) ? line => Console.Error.WriteLine(line) : null,
            };
            var request = new OptimizeFileRequest
            {
                InputPath = CliArguments.ExistingFile(input),
                OutputPath = CliArguments.OutputFile(target, "-o"),
                Options = options,
                VerifyInputSets = parse.GetValue(verify),
                VerifyEachPass = parse.GetValue(verifyEach),
                KeepOnFailure = parse.GetValue(keepOnFailure),
                Inputs = parse.GetValue(inputs) ?? [],
                Shapes = shapes.Parse(parse),
                Seed = parse.GetValue(seed),
                Tolerance = new Tolerance(parse.GetValue(rtol), parse.GetValue(atol)),
                Limits = resourceLimits,
                VerificationBackend = verificationBackend,
                Float16VerificationBackends = Backends.ForFloat16Verification(),
            };
            if (parse.GetValue(report) is { } reportTarget) CliArguments.OutputFile(reportTarget, "--report");
            if (parse.GetValue(int8))
            {
                if (float16) throw new UsageException("--int8 and --fp16 are alternatives; choose one.");
                var quantization = new QuantizeFileRequest { InputPath = request.InputPath, OutputPath = request.OutputPath, Options = quantize.Options(parse), Optimize = request };
                return QuantizeCommand.Run(quantization, quantize, parse, json, cancellationToken);
            }
            if (!parse.GetValue(json)) RenderingWarmUp.Start();
            var result = LimitArguments.WithTimeout(resourceLimits, $"Optimizing '{input.Name}'", cancellationToken,
                token => ModelFileOptimizer.Optimize(request with { Options = request.Options with { Cancellation = token } }));
            if (parse.GetValue(report) is { } reportFile) FrontEndReportJson.Write(reportFile.FullName, result, FrontEndReportJson.Default.FileOptimizationReport);
            if (parse.GetValue(json)) FrontEndReportJson.Print(result, FrontEndReportJson.Default.FileOptimizationReport);
            else OptimizationRenderer.Render(result);
            return result.Succeeded ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    /// <summary>The most random input sets <c>--verify</c> runs: each is a run of both models.</summary>
    private const int MaxVerifySets = 1000;

    private static Float16Options Float16Settings(ParseResult parse, Option<bool> keepIo, Option<string[]> opBlock, Option<string[]> nodeBlock,
        Option<string?> mixed, Option<double> tolerance, Option<bool> nanScan)
    {
        var defaults = new Float16Options();
        double t = parse.GetValue(tolerance);
        if (t <= 0) throw new UsageException("--tolerance must be positive.");
        return defaults with
        {
            KeepIoTypes = parse.GetValue(keepIo),
            OpBlockList = defaults.OpBlockList.Union(SplitList(parse.GetValue(opBlock))).ToHashSet(StringComparer.Ordinal),
            NodeBlockList = SplitList(parse.GetValue(nodeBlock)).ToHashSet(StringComparer.Ordinal),
            MixedPrecision = parse.GetValue(mixed) is null ? null : new Tolerance(t, t / 10),
            ScanForNanInf = parse.GetValue(nanScan),
        };
    }

    private static string[] SplitList(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray();
}
