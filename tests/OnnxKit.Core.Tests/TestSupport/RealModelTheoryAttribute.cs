namespace OnnxKit.Tests.TestSupport;

/// <summary>
/// A theory over real models from <see cref="RealModels"/>; the whole theory is reported as skipped,
/// naming the missing file and <c>tools/fetch-real-models.sh</c>, where one is not in the cache.
/// </summary>
public sealed class RealModelTheoryAttribute : TheoryAttribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="relativePaths">The models or case folders the theory needs, relative to the cache (the <see cref="RealModels"/> constants).</param>
    public RealModelTheoryAttribute(params string[] relativePaths)
    {
        if (RealModels.SkipReason(relativePaths) is { } reason)
        {
            Skip = reason;
        }
    }
}
