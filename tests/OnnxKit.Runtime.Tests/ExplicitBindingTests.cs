using OnnxKit.Ir;
using OnnxKit.Runtime.Tests.TestSupport;

namespace OnnxKit.Runtime.Tests;

/// <summary>
/// Native tensors bound explicitly: two bindings of one session that swap which buffer is the
/// input and which the output carry state from run to run in place (as training carries its
/// weights), with no managed allocation per run.
/// </summary>
public sealed class ExplicitBindingTests
{
    [Fact]
    public void Two_bindings_carry_state_between_runs_in_place()
    {
        using var session = OnnxSession.FromModel(RuntimeTestModels.AddOne());
        var spec = session.Inputs[0];
        long[] dims = [1, 4];
        using var a = NativeTensor.From(DenseTensor.FromFloats([0, 1, 2, 3], dims), spec.Name);
        using var b = NativeTensor.Zeros(DataType.Float, dims, "b");
        using var even = session.CreateBinding();
        using var odd = session.CreateBinding();
        even.BindInput(spec.Name, a);
        even.BindOutput(session.Outputs[0].Name, b);
        odd.BindInput(spec.Name, b);
        odd.BindOutput(session.Outputs[0].Name, a);
        for (int run = 0; run < 10; run++) (run % 2 == 0 ? even : odd).Run();
        Assert.Equal([10f, 11, 12, 13], a.Span<float>().ToArray());
        Assert.Equal([9f, 10, 11, 12], b.Span<float>().ToArray());

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int run = 0; run < 100; run++) (run % 2 == 0 ? even : odd).Run();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 100, $"100 runs allocated {allocated} managed bytes");
        Assert.Equal(110f, a.Span<float>()[0]);
    }

    [Fact]
    public void Binding_an_unknown_name_is_an_error_naming_it()
    {
        using var session = OnnxSession.FromModel(RuntimeTestModels.AddOne());
        using var tensor = NativeTensor.Zeros(DataType.Float, [1, 4], "t");
        using var binding = session.CreateBinding();
        var error = Assert.Throws<OnnxKitException>(() => binding.BindInput("nope", tensor));
        Assert.Contains("'nope'", error.Message);
        Assert.Throws<OnnxKitException>(() => binding.BindOutput("nope", tensor));
    }

    [Fact]
    public void A_native_tensor_copies_in_and_out_and_checks_shapes()
    {
        var source = DenseTensor.FromFloats([1, 2, 3, 4], [2, 2]);
        using var tensor = NativeTensor.From(source, "w");
        Assert.Equal(source.ToArray<float>(), tensor.ToTensor().ToArray<float>());
        Assert.Equal([2L, 2L], tensor.Dims);
        var error = Assert.Throws<OnnxKitException>(() => tensor.CopyFrom(DenseTensor.FromFloats([1, 2, 3], [3])));
        Assert.Contains("'w'", error.Message);
        Assert.Throws<OnnxKitException>(() => NativeTensor.Zeros(DataType.String, [1], "s"));
    }
}
