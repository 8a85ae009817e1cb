using OnnxKit.Ir;
using OnnxKit.Exporter.Networks;
using OnnxKit.Serialization.NumPy;

namespace OnnxKit.Exporter.Export;

/// <summary>Assigns weights by weight name, from NumPy files or from tensors in memory.</summary>
internal static class WeightLoader
{
    public static WeightLoadResult Load(Network model, string path, WeightLayout layout) => Assign(model, ReadArrays(path), layout, $"'{path}'");

    /// <summary>
    /// Assigns each of <paramref name="arrays"/> to the weight of its name; <paramref name="source"/>
    /// says where they came from in error messages. Nothing is assigned unless every array fits.
    /// </summary>
    public static WeightLoadResult Assign(Network model, IReadOnlyDictionary<string, ITensor> arrays, WeightLayout layout, string source)
    {
        var weights = model.Weights.ToDictionary(w => w.FullName);
        var unknown = arrays.Keys.Where(k => !weights.ContainsKey(Normalize(k))).ToArray();
        if (unknown.Length > 0)
            throw new OnnxKitException($"Weights in {source} match no weight of model '{model.Name}': {string.Join(", ", unknown)}. Weights are named layer/weight, e.g. {string.Join(", ", weights.Keys.Take(3))}.");
        var values = new List<(Weight Weight, float[] Values)>();
        foreach (var (key, array) in arrays)
        {
            var weight = weights[Normalize(key)];
            values.Add((weight, Convert(weight, array, layout, source, key)));
        }
        // Assign only after every array converted, so a bad array changes nothing.
        foreach (var (weight, data) in values) weight.Assign(data);
        var loaded = values.Select(v => v.Weight.FullName).ToArray();
        return new WeightLoadResult(loaded, weights.Keys.Except(loaded).ToArray());
    }

    private static IReadOnlyDictionary<string, ITensor> ReadArrays(string path)
    {
        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path, "*.npy", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .ToDictionary(f => Path.GetRelativePath(path, f)[..^4].Replace(Path.DirectorySeparatorChar, '/'), f => NpyFile.Read(f));
        }
        if (path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
            throw new OnnxKitException($"'{path}' is a single array; give a .npz archive or a folder of layer/weight.npy files.");
        return NpzFile.Read(path);
    }

    private static string Normalize(string key) => key.EndsWith(":0", StringComparison.Ordinal) ? key[..^2] : key;

    private static float[] Convert(Weight weight, ITensor array, WeightLayout layout, string source, string key)
    {
        if (!array.DataType.IsFloatingPoint())
            throw new OnnxKitException($"Array '{key}' in {source} holds {array.DataType} values; weights must be floating point.");
        if (layout == WeightLayout.Keras && weight.KerasLayout is { } keras)
        {
            if (!array.Dims.SequenceEqual(keras.Shape))
                throw new OnnxKitException($"Array '{key}' in {source} has shape {ShapeText.FormatDims(array.Dims)}; weight '{weight.FullName}' needs Keras shape {ShapeText.FormatDims(keras.Shape)}.");
            return keras.ToOnnxOrder(array);
        }
        if (!array.Dims.SequenceEqual(weight.Shape))
            throw new OnnxKitException($"Array '{key}' in {source} has shape {ShapeText.FormatDims(array.Dims)}; weight '{weight.FullName}' has shape {ShapeText.FormatDims(weight.Shape)}.");
        return WeightLoaderValues.ToFloats(array);
    }
}
