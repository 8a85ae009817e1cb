using OnnxKit.Data.Preprocessing;
using OnnxKit.Data.Readers;

namespace OnnxKit.Data;

/// <summary>Opens the data a <see cref="DataSpec"/> names with the reader for its kind.</summary>
public static class DataSources
{
    /// <summary>
    /// Opens <paramref name="spec"/>: reads headers (IDX), arrays (<c>.npz</c>, <c>.npy</c>) or
    /// tables (CSV) and checks they agree; images are decoded batch by batch as they are read,
    /// resized to <paramref name="preprocessing"/>'s size when it gives one.
    /// </summary>
    /// <exception cref="DataFormatException">The data is missing, empty or malformed; the message names the file (and record).</exception>
    public static IDataSource Open(DataSpec spec, PreprocessingOptions? preprocessing = null, DataReadOptions? options = null)
    {
        options ??= DataReadOptions.Default;
        IDataSource source = spec.Kind switch
        {
            DataSpecKind.FashionMnist => OpenFashionMnist(spec),
            DataSpecKind.Idx => OpenIdx(spec.Path),
            DataSpecKind.Npz => ArrayDataSource.OpenNpz(spec.Path),
            DataSpecKind.Csv => new CsvDataSource(spec.Path, options.LabelColumns),
            DataSpecKind.Folder => OpenFolder(spec.Path, preprocessing?.Resize),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "Unknown data kind."),
        };
        if (options.Limit is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, nameof(options));
            if (source.Count is not { } n || n > limit) source = new LimitedDataSource(source, limit);
        }
        return source;
    }

    /// <summary>
    /// Reads <paramref name="source"/> once, whole, into memory (one contiguous array per feature and label)
    /// and serves later passes from there, so files are decoded once however often the data is read.
    /// Values stay as the source gives them; preprocessing still applies when models are fed.
    /// </summary>
    /// <exception cref="DataFormatException">The data is malformed or empty; the message names the file and record.</exception>
    public static IDataSource Load(IDataSource source, CancellationToken cancellationToken = default) =>
        source as InMemoryDataSource ?? (IDataSource)new InMemoryDataSource(source, cancellationToken);

    private static IDataSource OpenFashionMnist(DataSpec spec)
    {
        string split = spec.Split ?? "test";
        if (!File.Exists(FashionMnist.ImagesFile(spec.Path, split)))
            throw new DataFormatException(spec.ToString(), null, FashionMnist.MissingReason(split) ?? $"{FashionMnist.ImagesFile(spec.Path, split)} is missing.");
        return new IdxDataSource(FashionMnist.ImagesFile(spec.Path, split), FashionMnist.LabelsFile(spec.Path, split), spec.ToString(), FashionMnist.ClassNames);
    }

    /// <summary>An IDX images file; its labels are the file of the same name with <c>labels-idx1</c> for <c>images-idxN</c>, when present.</summary>
    private static IdxDataSource OpenIdx(string path)
    {
        string name = Path.GetFileName(path);
        string labelsName = System.Text.RegularExpressions.Regex.Replace(name, "images([.-])idx\\d", "labels${1}idx1", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        string labels = Path.Combine(Path.GetDirectoryName(path) ?? "", labelsName);
        return new IdxDataSource(path, labelsName != name && File.Exists(labels) ? labels : null, path, null);
    }

    private static IDataSource OpenFolder(string path, ImageSize? resize)
    {
        if (!Directory.Exists(path)) throw new DataFormatException(path, null, "the folder does not exist.");
        return Directory.EnumerateFiles(path, "*.npy", SearchOption.AllDirectories).Any()
            ? ArrayDataSource.OpenFolder(path)
            : new ImageFolderDataSource(path, resize);
    }
}
