using OnnxKit.Ir;
using OnnxKit.Runtime.Tensors;

namespace OnnxKit.Runtime.Tests.Tensors;

public sealed class TensorSummaryTests
{
    [Fact]
    public void Counts_non_finite_values_and_summarizes_the_rest()
    {
        var summary = TensorSummary.Of("y", DenseTensor.FromFloats([1, float.NaN, -3, float.PositiveInfinity, 5, float.NegativeInfinity], [2, 3]));
        Assert.Equal(-3, summary.Min);
        Assert.Equal(5, summary.Max);
        Assert.Equal(1, summary.Mean);
        Assert.Equal(1, summary.NanCount);
        Assert.Equal(2, summary.InfCount);
        Assert.Null(summary.TopK); // a 2×3 batch is not a single score vector
    }

    [Fact]
    public void Lists_the_top_classes_of_a_score_vector()
    {
        var summary = TensorSummary.Of("probs", DenseTensor.FromFloats([0.1f, 0.5f, 0.05f, 0.35f], [1, 4]), topK: 2);
        Assert.Equal([new TopEntry(1, 0.5f), new TopEntry(3, 0.35f)], summary.TopK);
    }

    [Fact]
    public void Integer_outputs_have_no_top_k_and_empty_ones_no_statistics()
    {
        Assert.Null(TensorSummary.Of("i", DenseTensor.FromInt64s([3, 1], [2])).TopK);
        var empty = TensorSummary.Of("e", DenseTensor.FromFloats([], [0, 3]));
        Assert.Null(empty.Min);
        Assert.Equal([0L, 3], empty.Dims);
    }
}
