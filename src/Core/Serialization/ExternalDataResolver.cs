using System.Globalization;
using System.Security.Cryptography;
using OnnxKit.Ir;
using OnnxKit.Security;
using OnnxKit.Serialization.Proto;

namespace OnnxKit.Serialization;

/// <summary>
/// Turns a tensor's external-data entries into a validated <see cref="ExternalTensor"/>.
/// A model is untrusted input, so every reference is checked before any file is
/// opened for data: the location must be a relative path that stays inside the
/// model's folder (no <c>..</c>, no absolute, drive-letter or UNC paths, no symbolic
/// link leading outside), the file must be a regular file (not a FIFO, device or
/// directory), each key may appear once, the offset and length must lie inside the file
/// and match the tensor's type and dims, and a <c>checksum</c> (the SHA-1 of the file, as
/// the spec defines it) must match; the file is hashed once per load, and only then.
/// </summary>
internal sealed class ExternalDataResolver
{
    private readonly string? baseDirectory;
    private readonly string? realBaseDirectory;
    private readonly Dictionary<string, string> digests = new(StringComparer.Ordinal);

    /// <summary>Resolves against <paramref name="baseDirectory"/>; null when the model came from bytes with no folder.</summary>
    public ExternalDataResolver(string? baseDirectory)
    {
        this.baseDirectory = baseDirectory is null ? null : Path.GetFullPath(baseDirectory);
        realBaseDirectory = this.baseDirectory is null ? null : PathSafety.RealPath(this.baseDirectory);
    }

    public ExternalTensor Resolve(TensorProto tensor, string location)
    {
        string name = tensor.Name;
        OnnxFormatException Error(string message) => new(location, $"tensor '{name}' {message}");

        var entries = tensor.ExternalData.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)).ToList();
        var repeated = entries.GroupBy(e => e.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw Error($"lists external data key '{repeated.Key}' {repeated.Count()} times ({string.Join(", ", repeated.Select(e => $"'{e.Value}'"))}); each key may appear once.");
        string? fileLocation = entries.Find(e => e.Key == "location").Value;
        if (string.IsNullOrEmpty(fileLocation)) throw Error("is stored externally but names no location.");
        long offset = ParseNumber(entries, "offset", Error) ?? 0;
        long? length = ParseNumber(entries, "length", Error);
        string? checksum = entries.Find(e => e.Key == "checksum").Value;

        if (baseDirectory is null || realBaseDirectory is null)
            throw Error($"is stored in external file '{fileLocation}', but the model was loaded from bytes without a base directory.");
        if (PathSafety.EscapeReason(fileLocation) is { } reason)
            throw Error($"has external data location '{fileLocation}', which {reason}; only paths inside the model's folder are allowed.");

        string fullPath = Path.GetFullPath(Path.Combine(baseDirectory, fileLocation));
        if (InputFiles.Problem(fullPath) is { } fileProblem) throw Error($"is stored in external file '{fileLocation}', which {fileProblem}.");
        string realPath;
        try { realPath = PathSafety.RealPath(fullPath); }
        catch (IOException e) { throw Error($"is stored in external file '{fileLocation}', whose path cannot be resolved: {e.Message}"); }
        if (!PathSafety.IsInside(realPath, realBaseDirectory))
            throw Error($"has external data location '{fileLocation}', which leads outside the model's folder through a symbolic link.");

        var dataType = (DataType)tensor.DataType;
        if (!DataTypeInfo.IsDefined(tensor.DataType) || dataType == DataType.String)
            throw Error($"has element type {tensor.DataType}, which cannot be stored externally.");
        long elements = TensorDims.ElementCount(tensor.Dims, name);
        long expected = dataType.ByteCount(elements);
        long fileLength = new FileInfo(realPath).Length;
        if (offset < 0 || offset > fileLength)
            throw Error($"has external data offset {offset}, outside file '{fileLocation}' of {fileLength} bytes.");
        long available = fileLength - offset;
        long actualLength = length ?? Math.Min(available, expected);
        if (actualLength < 0 || actualLength > available)
            throw Error($"has external data range {offset}+{actualLength}, past the end of file '{fileLocation}' ({fileLength} bytes).");
        if (actualLength != expected)
            throw Error($"needs {expected} bytes for {dataType.OnnxName()}{TensorDims.Format(tensor.Dims)} but its external data range holds {actualLength}.");

        if (checksum is not null) VerifyChecksum(realPath, fileLocation, checksum, Error);
        var reference = new ExternalDataReference(fileLocation, offset, length, checksum) { Entries = entries };
        return new ExternalTensor(dataType, tensor.Dims, realPath, reference, name, tensor.HasDocString ? tensor.DocString : null);
    }

    /// <summary>The spec's <c>checksum</c> is the SHA-1 digest of the whole file, in hexadecimal.</summary>
    private void VerifyChecksum(string realPath, string fileLocation, string checksum, Func<string, OnnxFormatException> error)
    {
        if (checksum.Length != 40 || !checksum.All(char.IsAsciiHexDigit))
            throw error($"has external data checksum '{checksum}', which is not a SHA-1 digest (40 hexadecimal digits).");
        if (!digests.TryGetValue(realPath, out string? digest))
        {
            using var stream = new FileStream(realPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            digest = Convert.ToHexStringLower(SHA1.HashData(stream));
            digests[realPath] = digest;
        }
        if (!string.Equals(digest, checksum, StringComparison.OrdinalIgnoreCase))
            throw error($"has external data checksum {checksum}, but file '{fileLocation}' has SHA-1 {digest}; the file is not the one the model was saved with.");
    }

    private static long? ParseNumber(List<KeyValuePair<string, string>> entries, string key, Func<string, OnnxFormatException> error)
    {
        string? text = entries.Find(e => e.Key == key).Value;
        if (text is null) return null;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value))
            throw error($"has external data {key} '{text}', which is not a non-negative integer.");
        return value;
    }
}
