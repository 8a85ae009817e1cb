namespace OnnxKit.Viewer.Statistics;

/// <summary>
/// Summary statistics of a tensor's finite elements, as the viewer shows them for weights.
/// When <see cref="SampledCount"/> is less than <see cref="ElementCount"/>, every figure describes
/// an evenly spread sample of blocks rather than the whole tensor.
/// </summary>
/// <param name="ElementCount">Elements in the tensor.</param>
/// <param name="SampledCount">Elements read to compute the figures (all of them unless the tensor is over the budget).</param>
/// <param name="Min">Smallest finite element read.</param>
/// <param name="Max">Largest finite element read.</param>
/// <param name="Mean">Mean of the finite elements read.</param>
/// <param name="Std">Population standard deviation of the finite elements read.</param>
/// <param name="Sparsity">Fraction of the elements read that are exactly zero.</param>
/// <param name="NonFiniteCount">Elements read that are NaN or infinite (left out of the other figures).</param>
/// <param name="Histogram">Counts of finite elements in equal-width bins spanning [<see cref="Min"/>, <see cref="Max"/>].</param>
public sealed record TensorStatistics(
    long ElementCount,
    long SampledCount,
    double Min,
    double Max,
    double Mean,
    double Std,
    double Sparsity,
    long NonFiniteCount,
    IReadOnlyList<long> Histogram)
{
    /// <summary>True when the figures come from a sample of the tensor.</summary>
    public bool IsSampled => SampledCount < ElementCount;
}
