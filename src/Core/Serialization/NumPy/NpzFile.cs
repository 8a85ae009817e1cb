using System.IO.Compression;
using OnnxKit.Ir;
using OnnxKit.Security;

namespace OnnxKit.Serialization.NumPy;

/// <summary>
/// Reads and writes NumPy <c>.npz</c> archives: a zip file holding one <c>NAME.npy</c>
/// per array, as written by <c>np.savez</c> and <c>np.savez_compressed</c>.
/// </summary>
public static class NpzFile
{
    /// <summary>An archive with more entries than this is refused as hostile.</summary>
    public const int MaxEntries = 65536;

    /// <summary>Room for an entry's <c>.npy</c> header on top of the array data (headers are at most 64 KiB).</summary>
    private const long HeaderAllowance = 1 << 16;

    /// <summary>
    /// Reads every array of the archive, keyed by name (the entry name less <c>.npy</c>), in archive order.
    /// Each entry's uncompressed size is checked against <paramref name="limits"/> before it is inflated.
    /// </summary>
    public static IReadOnlyDictionary<string, ITensor> Read(string path, ResourceLimits? limits = null)
    {
        limits ??= ResourceLimits.Default;
        InputFiles.RequireRegular(path, "Tensor archive");
        ZipArchive archive;
        try { archive = ZipFile.OpenRead(path); }
        catch (InvalidDataException e) { throw new OnnxFormatException(path, $"not a valid .npz (zip) archive: {e.Message}", e); }
        using (archive)
        {
            if (archive.Entries.Count > MaxEntries) throw new OnnxFormatException(path, $"the archive has {archive.Entries.Count} entries; at most {MaxEntries} are accepted.");
            var tensors = new Dictionary<string, ITensor>(StringComparer.Ordinal);
            foreach (var entry in archive.Entries)
            {
                if (entry.FullName.EndsWith('/')) continue;
                string name = entry.FullName.EndsWith(".npy", StringComparison.Ordinal) ? entry.FullName[..^4] : entry.FullName;
                string where = $"{path}:{entry.FullName}";
                if (tensors.ContainsKey(name)) throw new OnnxFormatException(where, $"array '{name}' appears twice in the archive.");
                // The entry's declared size bounds what decompressing it may produce (a small archive can
                // inflate to gigabytes); refuse it before inflating anything. NpyFile checks the array again.
                limits.RequireTensorBytes(entry.Length - HeaderAllowance, $"{where}: entry of {ByteSize.Format(entry.Length)} uncompressed ({ByteSize.Format(entry.CompressedLength)} in the archive)");
                try
                {
                    using var stream = entry.Open();
                    tensors.Add(name, NpyFile.Read(stream, name, where, limits, entry.Length));
                }
                catch (InvalidDataException e) { throw new OnnxFormatException(where, $"the entry cannot be decompressed: {e.Message}", e); }
            }
            return tensors;
        }
    }

    /// <summary>Writes the arrays into a new archive atomically; <paramref name="compress"/> deflates them as <c>np.savez_compressed</c> does.</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, ITensor>> tensors, bool compress = false)
    {
        var level = compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression;
        AtomicFile.Write(path, file =>
        {
            using var archive = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, tensor) in tensors)
            {
                if (!names.Add(name)) throw new OnnxKitException($"{path}: array name '{name}' is given twice.");
                var entry = archive.CreateEntry(name + ".npy", level);
                using var stream = entry.Open();
                NpyFile.Write(stream, tensor, $"{path}:{name}");
            }
        });
    }
}
