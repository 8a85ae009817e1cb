namespace OnnxKit.Tests.TestSupport;

/// <summary>Locates the repository root and the shared data folder beside it.</summary>
internal static class RepositoryPaths
{
    private const string SolutionFileName = "OnnxKit.sln";

    /// <summary>The directory holding <c>OnnxKit.sln</c>, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path under <c>../shared</c> relative to the repository root (data not kept in git).</summary>
    public static string Shared(string relativePath) =>
        Path.GetFullPath(Path.Combine(Root, "..", "shared", relativePath));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFileName} above {AppContext.BaseDirectory}.");
    }
}
