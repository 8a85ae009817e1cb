namespace OnnxKit.Tests.TestSupport;

/// <summary>
/// ONNX's backend conformance cases, shared beside the checkout (<c>../shared</c>).
/// A fresh clone has none of it: tests that need it carry
/// <c>[SharedDataFact(SharedData.BackendNodeFolder)]</c> and are skipped with a reason.
/// </summary>
public static class SharedData
{
    /// <summary>The case folder, relative to <c>../shared</c>.</summary>
    public const string BackendNodeFolder = "onnx-backend-tests/node";

    /// <summary>The folder of the conformance case <paramref name="name"/> (e.g. <c>test_quantizelinear</c>), whether or not it exists.</summary>
    public static string BackendCase(string name) => RepositoryPaths.Shared(Path.Combine(BackendNodeFolder, name));

    /// <summary>Every case folder's model.onnx, sorted by name; empty when the folder is absent.</summary>
    public static IReadOnlyList<string> BackendModels()
    {
        string folder = RepositoryPaths.Shared(BackendNodeFolder);
        return Directory.Exists(folder)
            ? Directory.GetDirectories(folder).Order(StringComparer.Ordinal)
                .Select(d => Path.Combine(d, "model.onnx")).Where(File.Exists).ToList()
            : [];
    }
}
