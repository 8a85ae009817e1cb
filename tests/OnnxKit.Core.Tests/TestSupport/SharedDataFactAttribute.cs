namespace OnnxKit.Tests.TestSupport;

/// <summary>
/// A fact that needs a folder under <c>../shared</c> (beside the repository root); it is reported as
/// skipped, naming the folder, where a checkout does not have it.
/// </summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="relativePath">The folder the test reads, relative to <c>../shared</c>.</param>
    public SharedDataFactAttribute(string relativePath)
    {
        var folder = RepositoryPaths.Shared(relativePath);
        if (!Directory.Exists(folder))
        {
            Skip = $"Shared test data not present: {folder}";
        }
    }
}
