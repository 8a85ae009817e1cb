namespace OnnxKit.Evaluation.Tests.TestSupport;

/// <summary>
/// A test of what evaluation does only with two or more cores (reading files ahead on a worker thread, measuring on
/// the thread pool); skipped, saying so, on one core, where it would compare a path with itself.
/// </summary>
public sealed class MultiCoreFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute.</summary>
    public MultiCoreFactAttribute()
    {
        if (Environment.ProcessorCount < 2)
            Skip = $"Needs two or more cores: with {Environment.ProcessorCount}, evaluation neither reads ahead nor measures on the thread pool.";
    }
}
