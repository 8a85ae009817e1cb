using System.CommandLine;
using System.Globalization;
using OnnxKit.Data;
using OnnxKit.Exporter.Scripting;
using OnnxKit.Models;
using OnnxKit.Training.Jobs;

namespace OnnxKit.Cli.Commands;

/// <summary>The options <c>train</c> and <c>distill</c> share, read into a <see cref="TrainingRecipe"/>.</summary>
internal sealed class TrainingArguments
{
    public Option<string> Data { get; } = new("--data") { Description = "Training data: fashion-mnist:train, an IDX file, a .npz archive, a folder of .npy files or images, or a .csv table.", Required = true };

    public Option<string?> Validation { get; } = new("--validation") { Description = "Data evaluated after every epoch (val_loss, val_accuracy), e.g. fashion-mnist:test." };

    public Option<int?> ValidationSplit { get; } = new("--validation-split") { Description = "Hold out the last N examples of the training data (after --limit) as validation data, e.g. 5000; excludes --validation." };

    public Option<int> Epochs { get; } = new("--epochs") { Description = "Epochs to train.", Required = true };

    public Option<int> Batch { get; } = new("--batch") { Description = "Examples per step.", DefaultValueFactory = _ => 32 };

    public Option<OptimizerKind> Optimizer { get; } = new("--optimizer") { Description = "adam (default lr 0.001) or sgd (momentum 0.9, default lr 0.01).", DefaultValueFactory = _ => OptimizerKind.Adam };

    public Option<float?> LearningRate { get; } = new("--lr") { Description = "Learning rate." };

    public Option<float> WeightDecay { get; } = new("--weight-decay") { Description = "L2 weight decay." };

    public Option<ScheduleKind> Schedule { get; } = new("--schedule") { Description = "Learning-rate schedule: constant, step (halve every third of the run) or cosine.", DefaultValueFactory = _ => ScheduleKind.Constant };

    public Option<ulong> Seed { get; } = new("--seed") { Description = "Seeds initial weights, shuffling and dropout; the same seed gives bit-for-bit the same model." };

    public Option<int> Threads { get; } = new("--threads") { Description = "ONNX Runtime intra-op threads (0: one per core)." };

    public Option<string?> Scale { get; } = new("--scale") { Description = "Multiply input values, e.g. 1/255 (default: 1/255 for byte data such as pixels, else 1)." };

    public Option<int?> Limit { get; } = new("--limit") { Description = "Use only the first N examples of the training and validation data." };

    public Option<int?> EarlyStopping { get; } = new("--early-stopping") { Description = "Stop when val_loss (or loss) has not improved for N epochs, keeping the best weights." };

    public Option<int?> ReduceLearningRate { get; } = new("--reduce-lr-on-plateau") { Description = "Multiply the learning rate by --reduce-lr-factor when val_loss (or loss) has not improved for N epochs." };

    public Option<double> ReduceLearningRateFactor { get; } = new("--reduce-lr-factor") { Description = "The factor in (0, 1) of --reduce-lr-on-plateau.", DefaultValueFactory = _ => 0.1 };

    public Option<string?> CsvLog { get; } = new("--csv-log") { Description = "Write one CSV row per epoch to this file." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Data, Validation, ValidationSplit, Epochs, Batch, Optimizer, LearningRate, WeightDecay, Schedule, Seed, Threads, Scale, Limit, EarlyStopping, ReduceLearningRate, ReduceLearningRateFactor, CsvLog })
            command.Options.Add(option);
    }

    public TrainingRecipe Read(ParseResult parse)
    {
        int epochs = parse.GetValue(Epochs);
        if (epochs < 1) throw new UsageException($"--epochs must be at least 1, not {epochs}.");
        int batch = parse.GetValue(Batch);
        if (batch < 1) throw new UsageException($"--batch must be at least 1, not {batch}.");
        if (parse.GetValue(LearningRate) is { } lr && !(lr > 0 && float.IsFinite(lr))) throw new UsageException($"--lr must be a positive number, not {lr}.");
        if (parse.GetValue(Limit) is < 1) throw new UsageException("--limit must be at least 1.");
        if (parse.GetValue(EarlyStopping) is < 0) throw new UsageException("--early-stopping must not be negative.");
        if (parse.GetValue(Threads) < 0) throw new UsageException("--threads must not be negative.");
        if (parse.GetValue(ValidationSplit) is { } split)
        {
            if (split < 1) throw new UsageException($"--validation-split must be at least 1, not {split}.");
            if (parse.GetValue(Validation) is not null) throw new UsageException("Give either --validation or --validation-split, not both.");
        }
        if (parse.GetValue(ReduceLearningRate) is < 0) throw new UsageException("--reduce-lr-on-plateau must not be negative.");
        double factor = parse.GetValue(ReduceLearningRateFactor);
        if (!(factor is > 0 and < 1)) throw new UsageException($"--reduce-lr-factor must be in (0, 1), not {factor}.");
        return new TrainingRecipe
        {
            Data = ParseData(parse.GetValue(Data)!, "--data"),
            Validation = parse.GetValue(Validation) is { } validation ? ParseData(validation, "--validation") : null,
            ValidationSplit = parse.GetValue(ValidationSplit),
            Epochs = epochs,
            BatchSize = batch,
            Optimizer = parse.GetValue(Optimizer),
            LearningRate = parse.GetValue(LearningRate),
            WeightDecay = parse.GetValue(WeightDecay),
            Schedule = parse.GetValue(Schedule),
            Seed = parse.GetValue(Seed),
            Threads = parse.GetValue(Threads),
            Scale = parse.GetValue(Scale) is { } scale ? ParseScale(scale) : null,
            Limit = parse.GetValue(Limit),
            EarlyStoppingPatience = parse.GetValue(EarlyStopping),
            ReduceLearningRatePatience = parse.GetValue(ReduceLearningRate),
            ReduceLearningRateFactor = factor,
            CsvLog = parse.GetValue(CsvLog),
        };
    }

    /// <summary>The DSL model a <c>NAME|SCRIPT.csx</c> argument names (a zoo model or a C# script; not an ONNX file).</summary>
    public static ModelSource DslModel(string text, ZooOptions zoo, string what = "model")
    {
        switch (ModelArgument.Parse(text, zoo))
        {
            case ModelArgument.DslModel { Source: ModelSource.Script script }:
                CliArguments.ExistingFile(new FileInfo(script.Path));
                return script;
            case ModelArgument.DslModel { Source: ModelSource.Zoo zooModel } when ModelZoo.All.Any(m => m.Name == zooModel.Name):
                return zooModel;
            case ModelArgument.OnnxFile:
                throw new UsageException($"The {what} '{text}' is an ONNX file; training takes a model written in the DSL: a zoo model name or a C# script (.csx).");
            default:
                throw new UsageException($"The {what} '{text}' is neither a C# script (.csx) nor a zoo model; 'onnxkit export --list' shows the zoo.");
        }
    }

    /// <summary>A data spec, or a usage error naming the option.</summary>
    public static DataSpec ParseData(string text, string option)
    {
        try
        {
            return DataSpec.Parse(text);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{option}: {e.Message}");
        }
    }

    /// <summary>A number or a fraction <c>a/b</c>.</summary>
    public static double ParseScale(string text)
    {
        var parts = text.Split('/');
        if (parts.Length <= 2 && parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            double value = parts.Select(p => double.Parse(p, CultureInfo.InvariantCulture)).Aggregate((a, b) => a / b);
            if (double.IsFinite(value) && value != 0) return value;
        }
        throw new UsageException($"--scale '{text}' is not a non-zero number or fraction such as 1/255.");
    }
}
