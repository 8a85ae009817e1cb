namespace OnnxKit.Tests.TestSupport;

/// <summary>
/// A fact that needs real models from <see cref="RealModels"/>; it is reported as skipped, naming the
/// missing file and <c>tools/fetch-real-models.sh</c>, where one is not in the cache.
/// </summary>
public sealed class RealModelFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="relativePaths">The models or case folders the test reads, relative to the cache (the <see cref="RealModels"/> constants).</param>
    public RealModelFactAttribute(params string[] relativePaths)
    {
        if (RealModels.SkipReason(relativePaths) is { } reason)
        {
            Skip = reason;
        }
    }
}
