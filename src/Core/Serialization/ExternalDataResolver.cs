using System.Globalization;
using OnnxKit.Ir;
using OnnxKit.Serialization.Proto;

namespace OnnxKit.Serialization;

/// <summary>
/// Turns a tensor's external-data entries into a validated <see cref="ExternalTensor"/>.
/// A model is untrusted input, so every reference is checked before any file is
/// opened for data: the location must be a relative path that stays inside the
/// model's folder (no <c>..</c>, no absolute, drive-letter or UNC paths, no symbolic
/// link leading outside), and the offset and length must lie inside the file and
/// match the tensor's type and dims.
/// </summary>
internal sealed class ExternalDataResolver
{
    private readonly string? baseDirectory;
    private readonly string? realBaseDirectory;

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
        if (!File.Exists(fullPath)) throw Error($"is stored in external file '{fileLocation}', which does not exist.");
        string realPath = PathSafety.RealPath(fullPath);
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

        var reference = new ExternalDataReference(fileLocation, offset, length, checksum) { Entries = entries };
        return new ExternalTensor(dataType, tensor.Dims, realPath, reference, name, tensor.HasDocString ? tensor.DocString : null);
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
