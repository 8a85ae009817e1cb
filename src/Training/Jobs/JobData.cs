using OnnxKit.Data;
using OnnxKit.Data.Preprocessing;
using OnnxKit.Exporter.Networks;

namespace OnnxKit.Training.Jobs;

/// <summary>Opens the data a recipe names, with the preprocessing every model of a job reads it under.</summary>
internal sealed record JobData(IDataSource Source, PreprocessingOptions Preprocessing)
{
    /// <summary>
    /// Opens <paramref name="spec"/>, limited to the recipe's limit, scaled by the recipe's scale
    /// (1/255 for byte data, such as pixels, when none is given).
    /// </summary>
    public static JobData Open(DataSpec spec, TrainingRecipe recipe) => Open(spec, recipe.Scale, recipe.Limit);

    /// <summary>
    /// Opens <paramref name="spec"/>, limited to its first <paramref name="limit"/> records when
    /// given, scaled by <paramref name="scale"/> (by default 1/255 for byte data, such as pixels, else 1).
    /// </summary>
    public static JobData Open(DataSpec spec, double? scale, int? limit)
    {
        var source = DataSources.Open(spec, options: limit is { } n ? DataReadOptions.Default with { Limit = n } : null);
        if (source.Features.Count != 1)
            throw new DataFormatException(source.Name, null, $"training reads one input array; the data has {source.Features.Count} ({string.Join(", ", source.Features.Select(f => f.Name))}).");
        double factor = scale ?? (source.Features[0].ElementType == Ir.DataType.UInt8 ? 1.0 / 255 : 1.0);
        return new JobData(source, new PreprocessingOptions { Scale = factor });
    }

    /// <summary>
    /// Loads every record for <paramref name="network"/>'s input, with class labels checked
    /// against <paramref name="classes"/> or, with <paramref name="denseTargets"/>, float targets.
    /// </summary>
    public TrainingSet Load(Network network, int? classes, bool denseTargets = false) =>
        TrainingSet.Load(Source, network.Inputs[0].Shape, Preprocessing, classes, denseTargets);
}
