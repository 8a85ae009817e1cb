using OnnxKit.Serialization;

namespace OnnxKit.Runtime;

/// <summary>
/// A temporary folder holding a model from <see cref="OnnxFile.ToBytesWithoutWeights"/> and the file
/// its placeholders refer to, for ONNX Runtime to open by path. ONNX Runtime checks that every
/// external reference names an existing file inside the model's folder, long enough for the
/// tensor, before it takes the initializers handed to it instead; so the file exists, as a sparse
/// file of the largest placeholder's length that takes no disk space and is never read. Deleted on
/// dispose (the session no longer needs it once created).
/// </summary>
internal sealed class PlaceholderFolder : IDisposable
{
    private readonly string path;

    private PlaceholderFolder(string path) => this.path = path;

    /// <summary>The model file to open.</summary>
    public string ModelPath => Path.Combine(path, "model.onnx");

    /// <summary>Writes the model and its sparse placeholder file into a new temporary folder.</summary>
    public static PlaceholderFolder Create(ModelWithoutWeights model)
    {
        var folder = new PlaceholderFolder(Directory.CreateTempSubdirectory("onnxkit-session-").FullName);
        try
        {
            File.WriteAllBytes(folder.ModelPath, model.Bytes);
            using var placeholder = new FileStream(Path.Combine(folder.path, OnnxFile.SuppliedWeightsLocation), FileMode.CreateNew, FileAccess.Write);
            placeholder.SetLength(model.Supplied.Select(v => v.ConstValue!.ByteCount).DefaultIfEmpty(0).Max());
            return folder;
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>Deletes the folder; a file still open elsewhere (Windows) is left for the system's temporary-file cleanup.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
