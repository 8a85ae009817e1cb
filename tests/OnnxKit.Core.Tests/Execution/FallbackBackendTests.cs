using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Tests.Execution;

public sealed class FallbackBackendTests
{
    private static readonly Dictionary<string, ITensor> NoInputs = [];

    [Fact]
    public void A_model_the_primary_cannot_prepare_runs_on_the_fallback_and_so_do_all_later_ones()
    {
        var primary = new ScriptedBackend("primary") { RefuseToPrepare = "no kernel for Frobnicate" };
        var fallback = new ScriptedBackend("fallback");
        var either = new FallbackBackend(primary, fallback);
        Assert.Equal("primary, else fallback", either.Name);

        using (var first = either.Prepare(TestModels.Dense())) Assert.Equal("fallback", first.Run(NoInputs)["by"].Name);
        primary.RefuseToPrepare = null;
        using (var second = either.Prepare(TestModels.Dense())) Assert.Equal("fallback", second.Run(NoInputs)["by"].Name);

        Assert.Equal("fallback (primary could not run the model: no kernel for Frobnicate)", either.Name);
    }

    [Fact]
    public void A_first_run_that_fails_on_the_primary_is_rerun_on_the_fallback()
    {
        var primary = new ScriptedBackend("primary") { FailToRun = "kernel error" };
        var either = new FallbackBackend(primary, new ScriptedBackend("fallback"));

        using var model = either.Prepare(TestModels.Dense());
        Assert.Equal("fallback", model.Run(NoInputs)["by"].Name);
        Assert.Equal("fallback", model.Run(NoInputs)["by"].Name);
        Assert.Equal(1, primary.Runs);
    }

    [Fact]
    public void Once_the_primary_ran_a_model_later_failures_are_not_hidden_by_the_fallback()
    {
        var primary = new ScriptedBackend("primary");
        var either = new FallbackBackend(primary, new ScriptedBackend("fallback"));
        using (var first = either.Prepare(TestModels.Dense())) Assert.Equal("primary", first.Run(NoInputs)["by"].Name);

        primary.RefuseToPrepare = "no kernel";
        var error = Assert.Throws<UnsupportedFeatureException>(() => either.Prepare(TestModels.Dense()));
        Assert.Equal("no kernel", error.Message);
        Assert.Equal("primary", either.Name);
    }

    [Fact]
    public void TryPrepare_turns_an_unsupported_model_into_a_reason()
    {
        var backend = new ScriptedBackend("b") { RefuseToPrepare = "element type float8 is not supported" };

        Assert.False(backend.TryPrepare(TestModels.Dense(), out var prepared, out string? reason));
        Assert.Null(prepared);
        Assert.Equal("element type float8 is not supported", reason);
    }

    [Fact]
    public void The_default_RunValues_runs_tensors_and_refuses_other_kinds()
    {
        IModelBackend model = new ScriptedBackend("tensors").Prepare(TestModels.Dense());
        var x = OnnxValue.FromTensor(DenseTensor.FromFloats([1, 2, 3, 4], [1, 4]));

        Assert.Equal(OnnxValueKind.Tensor, model.RunValues(new Dictionary<string, OnnxValue> { ["x"] = x })["by"].Kind);
        var error = Assert.Throws<UnsupportedFeatureException>(() => model.RunValues(new Dictionary<string, OnnxValue> { ["x"] = OnnxValue.Sequence([x]) }));
        Assert.Equal("Input 'x' is seq[1](tensor(float)[1,4]); tensors exchanges tensors only.", error.Message);
    }

    /// <summary>A backend whose models output one tensor named after the backend, and that refuses or fails on request.</summary>
    private sealed class ScriptedBackend(string name) : IBackend
    {
        public string? RefuseToPrepare { get; set; }

        public string? FailToRun { get; set; }

        public int Runs { get; private set; }

        public string Name => name;

        public IModelBackend Prepare(Model model) =>
            RefuseToPrepare is { } reason ? throw new UnsupportedFeatureException("test", reason) : new Prepared(this);

        public IModelBackend Open(string path) => throw new NotSupportedException();

        private sealed class Prepared(ScriptedBackend owner) : IModelBackend
        {
            public string Name => owner.Name;

            public IReadOnlyList<TensorSpec> Inputs => [];

            public IReadOnlyList<TensorSpec> Outputs => [new TensorSpec("by", DataType.Float, Shape.Of(1))];

            public IReadOnlyDictionary<string, ITensor> Run(IReadOnlyDictionary<string, ITensor> inputs, CancellationToken cancellationToken = default)
            {
                owner.Runs++;
                if (owner.FailToRun is { } reason) throw new OnnxKitException(reason);
                return new Dictionary<string, ITensor> { ["by"] = DenseTensor.FromFloats([0], [1], owner.Name) };
            }

            public void Dispose()
            {
            }
        }
    }
}
