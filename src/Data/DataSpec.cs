using OnnxKit.Data.Readers;

namespace OnnxKit.Data;

/// <summary>
/// What <c>--data</c> names, parsed from its text:
/// <list type="bullet">
/// <item><c>fashion-mnist</c>, <c>fashion-mnist:test</c>, <c>fashion-mnist:train</c>: the project's real data set (test split by default);</item>
/// <item><c>PATH/t10k-images-idx3-ubyte.gz</c> (or not gzipped): IDX images, with the <c>labels-idx1</c> file beside them when present;</item>
/// <item><c>FILE.npz</c>: arrays <c>x</c> and <c>y</c>, or arrays named after the model's inputs, and labels <c>y</c> or <c>y/OUTPUT</c>;</item>
/// <item><c>DIR/</c>: the same arrays as <c>.npy</c> files, or images (PNG, JPEG) in one sub-folder per class;</item>
/// <item><c>FILE.csv</c>: a table with a header row, one record per row.</item>
/// </list>
/// Parsing looks at the text (and, for a path with no known extension, whether it is a folder);
/// whether the files exist and are readable is checked when the data is opened.
/// </summary>
public sealed record DataSpec(DataSpecKind Kind, string Path, string? Split = null)
{
    /// <summary>The shorthand for the project's real data set.</summary>
    public const string FashionMnistName = "fashion-mnist";

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException">The text names no kind of data OnnxKit reads; the message lists the forms.</exception>
    public static DataSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        if (trimmed.Length == 0) throw new ArgumentException("The data spec is empty. " + Forms, nameof(text));
        if (trimmed == FashionMnistName || trimmed.StartsWith(FashionMnistName + ":", StringComparison.Ordinal))
        {
            string split = trimmed.Length == FashionMnistName.Length ? "test" : trimmed[(FashionMnistName.Length + 1)..];
            if (split is not ("train" or "test"))
                throw new ArgumentException($"'{trimmed}': Fashion-MNIST has the splits 'train' and 'test', not '{split}'.", nameof(text));
            return new DataSpec(DataSpecKind.FashionMnist, FashionMnist.DefaultDirectory, split);
        }
        string name = System.IO.Path.GetFileName(trimmed.TrimEnd('/', System.IO.Path.DirectorySeparatorChar));
        if (name.EndsWith(".npz", StringComparison.OrdinalIgnoreCase)) return new DataSpec(DataSpecKind.Npz, trimmed);
        if (name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) return new DataSpec(DataSpecKind.Csv, trimmed);
        if (IdxFile.IsIdxName(name)) return new DataSpec(DataSpecKind.Idx, trimmed);
        if (trimmed.EndsWith('/') || trimmed.EndsWith(System.IO.Path.DirectorySeparatorChar) || Directory.Exists(trimmed))
            return new DataSpec(DataSpecKind.Folder, trimmed);
        throw new ArgumentException($"'{trimmed}' is no kind of data OnnxKit reads. " + Forms, nameof(text));
    }

    /// <summary>The forms <see cref="Parse"/> accepts, for help texts and errors.</summary>
    public const string Forms =
        "Give fashion-mnist[:train|:test], an IDX file (*-images-idx3-ubyte[.gz]), a .npz archive, a folder of .npy files or of class sub-folders of images, or a .csv table.";

    /// <summary>Formats the spec the way it is written on the command line.</summary>
    public override string ToString() => Kind == DataSpecKind.FashionMnist ? $"{FashionMnistName}:{Split}" : Path;
}
