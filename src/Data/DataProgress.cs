namespace OnnxKit.Data;

/// <summary>How far a pass over a data source has come: records read, and the total when known.</summary>
/// <param name="Records">Records delivered so far.</param>
/// <param name="Total">Records the source holds, or null when it cannot tell without reading them all.</param>
public readonly record struct DataProgress(long Records, long? Total)
{
    /// <summary>The fraction done, in [0, 1], or null when the total is unknown.</summary>
    public double? Fraction => Total is > 0 ? Math.Min(1.0, (double)Records / Total.Value) : null;
}
