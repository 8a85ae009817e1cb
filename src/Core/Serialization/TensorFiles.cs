using OnnxKit.Ir;
using OnnxKit.Security;
using OnnxKit.Serialization.NumPy;

namespace OnnxKit.Serialization;

/// <summary>Reads and writes tensor files by extension: <c>.npy</c>, <c>.npz</c> and ONNX <c>.pb</c>.</summary>
public static class TensorFiles
{
    /// <summary>Reads one tensor from a <c>.npy</c> or <c>.pb</c> file (a <c>.npy</c> array no larger than <paramref name="limits"/> allow).</summary>
    public static ITensor Read(string path, ResourceLimits? limits = null) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".npy" => NpyFile.Read(path, limits),
        ".pb" => TensorProtoFile.Read(path),
        _ => throw new OnnxKitException($"'{path}': tensor files must end in .npy or .pb (or .npz for several)."),
    };

    /// <summary>Writes <paramref name="tensor"/> atomically into <paramref name="directory"/>; returns the file's path.</summary>
    public static string Write(string directory, string name, ITensor tensor, TensorFileFormat format)
    {
        string path = Path.Combine(directory, FileNameFor(name) + (format == TensorFileFormat.Pb ? ".pb" : ".npy"));
        if (format == TensorFileFormat.Pb) TensorProtoFile.Write(path, tensor is DenseTensor dense ? dense.WithName(name) : tensor);
        else NpyFile.Write(path, tensor);
        return path;
    }

    /// <summary>A file name for a value name: characters that cannot appear in file names (and path separators) become '_'.</summary>
    public static string FileNameFor(string name)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['/', '\\', ':']).ToHashSet();
        string safe = new(name.Select(c => invalid.Contains(c) ? '_' : c).ToArray());
        return safe is "" or "." or ".." ? "_" + safe : safe;
    }
}
