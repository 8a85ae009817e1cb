using OnnxKit.Ir;
using OnnxKit.Runtime.Tests.TestSupport;

namespace OnnxKit.Runtime.Tests;

public sealed class SessionBindingTests
{
    private static float[] Pattern(int n, int seed) => Enumerable.Range(0, n).Select(i => (float)Math.Sin(i * 0.37 + seed)).ToArray();

    [Fact]
    public void Bound_runs_give_the_same_outputs_as_plain_runs()
    {
        using var session = OnnxSession.FromModel(RuntimeTestModels.SmallCnn());
        using var binding = session.Bind(new Dictionary<string, long[]> { ["x"] = [2, 3, 16, 16] });
        for (int seed = 0; seed < 3; seed++)
        {
            var input = DenseTensor.FromFloats(Pattern(1536, seed), [2, 3, 16, 16]);
            binding.SetInput("x", input);
            binding.Run();
            float[] expected = session.Run(new Dictionary<string, ITensor> { ["x"] = input })["probs"].ToArray<float>();
            Assert.Equal(expected, binding.Output<float>(0).ToArray());
            Assert.Equal([2L, 10L], binding.OutputDims(0));
        }
    }

    [Fact]
    public void Steady_state_runs_allocate_no_managed_memory()
    {
        using var session = OnnxSession.FromModel(RuntimeTestModels.SmallCnn());
        using var binding = session.Bind(new Dictionary<string, long[]> { ["x"] = [1, 3, 16, 16] });
        Pattern(768, 1).CopyTo(binding.Input<float>(0));
        binding.Run();
        binding.Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            binding.Input<float>(0)[0] = i;
            binding.Run();
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(binding.Output<float>(0)[0] > 0);
    }

    [Fact]
    public void Refuses_shapes_the_model_does_not_accept()
    {
        using var session = OnnxSession.FromModel(RuntimeTestModels.SmallCnn());
        var e = Assert.Throws<OnnxKitException>(() => session.Bind(new Dictionary<string, long[]> { ["x"] = [1, 4, 16, 16] }));
        Assert.Contains("expected shape [N,3,16,16], got [1,4,16,16]", e.Message);
        var missing = Assert.Throws<OnnxKitException>(() => session.Bind(new Dictionary<string, long[]>()));
        Assert.Contains("no shape was given for input x", missing.Message);
    }
}
