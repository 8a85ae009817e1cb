using OnnxKit.Training.Tests.TestSupport;

namespace OnnxKit.Training.Tests.Gradients;

/// <summary>
/// Every operator's gradient (OnnxKit's backward graph, float32 on ONNX Runtime) matches central
/// finite differences of the operator evaluated in float64 by the reference evaluator, to 1e-4
/// max-norm relative error. BatchNormalization in training mode is differentiated through its
/// batch statistics (the reference evaluator's training_mode form).
/// </summary>
public sealed class FiniteDifferenceTests
{
    [Theory]
    [MemberData(nameof(GradientCases.Names), MemberType = typeof(GradientCases))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        var c = GradientCases.Get(name);
        var ours = GradientHarness.Ours(c);
        var expected = GradientHarness.FiniteDifferences(c);
        Assert.NotEmpty(expected);
        foreach (var (input, gradient) in expected)
            Closeness.Assert(ours[input], gradient, $"{name}: d/d{input}");
    }
}
