using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Tests.Execution;

public sealed class OutputComparerTests
{
    private static ITensor Floats(params float[] values) => DenseTensor.FromFloats(values, [values.Length]);

    [Fact]
    public void Equal_outputs_pass_with_their_errors_measured()
    {
        var result = OutputComparer.Compare("y", Floats(1, 2, 1000), Floats(1, 2.00001f, 1000.05f), Tolerance.Float32);

        Assert.True(result.Passed, result.Problem);
        Assert.Equal(3, result.Elements);
        Assert.Equal(0, result.Mismatches);
        Assert.Equal(0.05, result.MaxAbsoluteError, 3);
        Assert.Equal(5e-5, result.MaxRelativeError, 6);
    }

    [Fact]
    public void A_mismatch_reports_how_many_elements_and_the_worst_one()
    {
        var result = OutputComparer.Compare("y", Floats(1, 2, 3, 4), Floats(1.1f, 2, 3.5f, 4), Tolerance.Float32);

        Assert.False(result.Passed);
        Assert.Equal(2, result.Mismatches);
        Assert.Equal("2 of 4 elements out of tolerance; largest absolute error 0.5, largest relative error 0.167; "
            + "furthest out of tolerance at 2: expected 3, got 3.5 (rtol 0.0001, atol 1e-05)", result.Problem);
    }

    [Fact]
    public void Integers_must_match_exactly_whatever_the_tolerance()
    {
        var loose = new Tolerance(1, 1);
        var result = OutputComparer.Compare("ids", DenseTensor.FromInt64s([5, 1L << 60], [2]), DenseTensor.FromInt64s([5, (1L << 60) + 1], [2]), loose);

        Assert.False(result.Passed);
        Assert.Contains($"expected {1L << 60}, got {(1L << 60) + 1} (exact)", result.Problem);
    }

    [Fact]
    public void Type_and_shape_changes_are_named()
    {
        Assert.Equal("element type: expected float, got int64",
            OutputComparer.Compare("y", Floats(1), DenseTensor.FromInt64s([1], [1]), Tolerance.Float32).Problem);
        Assert.Equal("shape: expected [2], got [1,2]",
            OutputComparer.Compare("y", Floats(1, 2), DenseTensor.FromFloats([1, 2], [1, 2]), Tolerance.Float32).Problem);
    }

    [Fact]
    public void Several_input_sets_are_compared_set_by_set()
    {
        var result = OutputComparer.Compare("y", [Floats(1), Floats(2)], [Floats(1), Floats(3)], Tolerance.Float32);

        Assert.Equal(2, result.Elements);
        Assert.StartsWith("1 of 2 elements out of tolerance; largest absolute error 1, largest relative error 0.5; furthest out of tolerance at 0 (input set 1)", result.Problem);
    }

    [Fact]
    public void Strings_must_match_exactly()
    {
        var expected = StringTensor.FromStrings(["a", "b"], [2]);
        Assert.True(OutputComparer.Compare("s", expected, StringTensor.FromStrings(["a", "b"], [2]), Tolerance.Float32).Passed);
        Assert.Equal("element 1: expected \"b\", got \"c\"", OutputComparer.Compare("s", expected, StringTensor.FromStrings(["a", "c"], [2]), Tolerance.Float32).Problem);
    }

    [Fact]
    public void Sequences_compare_item_by_item_and_optionals_by_content()
    {
        var sequence = OnnxValue.Sequence([OnnxValue.FromTensor(Floats(1)), OnnxValue.FromTensor(Floats(2))]);
        var differs = OnnxValue.Sequence([OnnxValue.FromTensor(Floats(1)), OnnxValue.FromTensor(Floats(2.5f))]);
        var shorter = OnnxValue.Sequence([OnnxValue.FromTensor(Floats(1))]);

        Assert.True(OutputComparer.Compare("s", sequence, sequence, Tolerance.Float32).Passed);
        Assert.Contains("furthest out of tolerance at 0 (item 1): expected 2, got 2.5", OutputComparer.Compare("s", sequence, differs, Tolerance.Float32).Problem);
        Assert.Equal("expected a sequence of 2, got 1", OutputComparer.Compare("s", sequence, shorter, Tolerance.Float32).Problem);

        var empty = OnnxValue.Optional(null, new TensorType(DataType.Float));
        var holding = OnnxValue.Optional(OnnxValue.FromTensor(Floats(1)));
        Assert.True(OutputComparer.Compare("o", empty, OnnxValue.Optional(null), Tolerance.Float32).Passed);
        Assert.Equal("expected optional(empty), got optional(tensor(float)[1])", OutputComparer.Compare("o", empty, holding, Tolerance.Float32).Problem);
        Assert.True(OutputComparer.Compare("o", holding, OnnxValue.FromTensor(Floats(1)), Tolerance.Float32).Passed);
        Assert.Equal("expected seq[1](tensor(float)[1]), got tensor(float)[1]",
            OutputComparer.Compare("o", shorter, OnnxValue.FromTensor(Floats(1)), Tolerance.Float32).Problem);
    }

    [Fact]
    public void Float16_outputs_are_widened_only_by_a_tolerance_that_says_so()
    {
        var expected = DenseTensor.FromArray(DataType.Float16, new[] { (Half)1.0 }, [1]);
        var actual = DenseTensor.FromArray(DataType.Float16, new[] { (Half)1.0009765625 }, [1]);   // one float16 step above 1

        Assert.False(OutputComparer.Compare("h", expected, actual, Tolerance.Float32).Passed);
        Assert.True(OutputComparer.Compare("h", expected, actual, Tolerance.Float32 with { WidenForCoarseTypes = true }).Passed);
    }
}
