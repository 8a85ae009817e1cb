using System.Collections;

namespace OnnxKit.Evaluation.Metrics;

/// <summary>A curve whose points are computed when read, from the index: a read-only list that stores nothing per point.</summary>
internal sealed class ComputedCurve(int count, Func<int, CurvePoint> pointAt) : IReadOnlyList<CurvePoint>
{
    /// <inheritdoc/>
    public int Count => count;

    /// <inheritdoc/>
    public CurvePoint this[int index] => (uint)index < (uint)count ? pointAt(index) : throw new ArgumentOutOfRangeException(nameof(index));

    /// <inheritdoc/>
    public IEnumerator<CurvePoint> GetEnumerator()
    {
        for (int i = 0; i < count; i++) yield return pointAt(i);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
