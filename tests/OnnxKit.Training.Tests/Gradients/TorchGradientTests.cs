using OnnxKit.Ir;
using OnnxKit.Training.Tests.TestSupport;

namespace OnnxKit.Training.Tests.Gradients;

/// <summary>
/// Every operator's gradient matches PyTorch 1.13's autograd on the same inputs and upstream
/// gradient, to 1e-4 max-norm relative error; for BatchNormalization in training mode the
/// updated running statistics match PyTorch's too (unbiased variance, momentum 1 − Keras's).
/// </summary>
public sealed class TorchGradientTests(TorchGradientsFixture torch) : IClassFixture<TorchGradientsFixture>
{
    [TorchTheory]
    [MemberData(nameof(GradientCases.Names), MemberType = typeof(GradientCases))]
    public void GradientMatchesPyTorch(string name)
    {
        var c = GradientCases.Get(name);
        var ours = GradientHarness.Ours(c);
        var theirs = torch.Gradients(name);
        int compared = 0;
        foreach (var input in c.Inputs.Where(i => i.IsDifferentiated))
        {
            Closeness.Assert(ours[input.Name], theirs[input.Name].ToArray<float>().Select(v => (double)v).ToArray(), $"{name}: d/d{input.Name}");
            compared++;
        }
        foreach (var statistic in ours.Keys.Where(k => k.EndsWith("/next", StringComparison.Ordinal)))
        {
            Closeness.Assert(ours[statistic], theirs[statistic].ToArray<float>().Select(v => (double)v).ToArray(), $"{name}: {statistic}");
            compared++;
        }
        Assert.True(compared > 0, $"{name}: nothing was compared");
    }
}
