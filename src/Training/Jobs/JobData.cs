using OnnxKit.Data;
using OnnxKit.Data.Preprocessing;
using OnnxKit.Exporter.Networks;

namespace OnnxKit.Training.Jobs;

/// <summary>Opens the data a recipe names and loads it for a model's input.</summary>
internal static class JobData
{
    /// <summary>
    /// Loads <paramref name="spec"/> for <paramref name="network"/>'s input: scaled by the
    /// recipe's scale (1/255 for byte data when none is given), limited to the recipe's limit,
    /// with class labels checked against <paramref name="classes"/> or, with
    /// <paramref name="denseTargets"/>, float targets.
    /// </summary>
    public static TrainingSet Load(DataSpec spec, Network network, TrainingRecipe recipe, int? classes, bool denseTargets)
    {
        var source = DataSources.Open(spec, options: recipe.Limit is { } limit ? DataReadOptions.Default with { Limit = limit } : null);
        if (source.Features.Count != 1)
            throw new DataFormatException(source.Name, null, $"training reads one input array; the data has {source.Features.Count} ({string.Join(", ", source.Features.Select(f => f.Name))}).");
        double scale = recipe.Scale ?? (source.Features[0].ElementType == Ir.DataType.UInt8 ? 1.0 / 255 : 1.0);
        return TrainingSet.Load(source, network.Inputs[0].Shape, new PreprocessingOptions { Scale = scale }, classes, denseTargets);
    }
}
