namespace OnnxKit.Tests.TestSupport;

/// <summary>
/// Finds the data shared beside the checkout (<c>../shared</c> from the repository
/// root): ONNX's backend conformance cases. A fresh clone has none of it, so tests
/// that need it use <see cref="SharedDataFactAttribute"/> and are skipped with a reason.
/// </summary>
public static class SharedData
{
    /// <summary>The repository root (the folder holding OnnxKit.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The backend node cases folder, or null when absent.</summary>
    public static string? BackendNodeTests
    {
        get
        {
            string dir = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "onnx-backend-tests", "node"));
            return Directory.Exists(dir) ? dir : null;
        }
    }

    /// <summary>Every case folder's model.onnx, sorted by name.</summary>
    public static IReadOnlyList<string> BackendModels() =>
        BackendNodeTests is null
            ? []
            : Directory.GetDirectories(BackendNodeTests).Order(StringComparer.Ordinal)
                .Select(d => Path.Combine(d, "model.onnx")).Where(File.Exists).ToList();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OnnxKit.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Cannot find the repository root (OnnxKit.sln) above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that is skipped, with the reason, when ONNX's shared conformance cases are absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the shared data is missing.</summary>
    public SharedDataFactAttribute()
    {
        if (SharedData.BackendNodeTests is null)
            Skip = "ONNX backend conformance cases not found at ../shared/onnx-backend-tests/node (not part of a fresh clone).";
    }
}
