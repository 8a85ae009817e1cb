using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Tests.TestSupport;

namespace OnnxKit.Optimizer.Tests.Passes;

public sealed class PipelineRunnerTests
{
    /// <summary>Removes one Identity per run, so reaching the fixed point takes one iteration per Identity.</summary>
    private sealed class RemoveOneIdentity : Pass
    {
        public override string Name => "remove-one-identity";
        public override string Description => "test";
        public override PassLevel Level => PassLevel.Basic;

        public override PassResult Run(Model model, PassContext context)
        {
            var identity = model.Graph.Nodes.FirstOrDefault(n => n.OpType == "Identity");
            if (identity is null) return new PassResult(model, false);
            identity.Outputs[0].ReplaceAllUsesWith(identity.Inputs[0]!, replaceGraphOutputs: true);
            model.Graph.Nodes.Remove(identity);
            return new PassResult(model, true);
        }
    }

    private sealed class ReturnsCopyButClaimsInPlace : Pass
    {
        public override string Name => "liar";
        public override string Description => "test";
        public override PassLevel Level => PassLevel.Basic;
        public override PassResult Run(Model model, PassContext context) => new(model.Clone(), true);
    }

    private sealed class RejectSigmoid : IPassVerifier
    {
        public string? Check(Model candidate) => candidate.Graph.Nodes.Any(n => n.OpType == "Sigmoid") ? "Sigmoid is not Relu" : null;
    }

    private sealed class Recorder : IPassObserver
    {
        public List<PassRun> Runs { get; } = [];
        public void OnPassCompleted(PassRun run, Model model) => Runs.Add(run);
    }

    private static Model ChainOfIdentities(int count)
    {
        var g = new GraphBuilder();
        var v = g.Input("x", 2, 3);
        for (int i = 0; i < count; i++) v = g.Op("Identity", [v]);
        v = g.Op("Relu", [v]);
        return g.Output(v, DataType.Float, 2, 3).ToModel();
    }

    private static PassRegistry TestRegistry() => new PassRegistry()
        .Register(() => new RemoveOneIdentity()).Register(() => new ReturnsCopyButClaimsInPlace()).Register(() => new ReluToSigmoidPass());

    [Fact]
    public void IteratesToAFixedPointAndRecordsEveryRun()
    {
        var recorder = new Recorder();
        var runner = new PipelineRunner(TestRegistry()) { Observers = { recorder } };
        var outcome = runner.Run(ChainOfIdentities(3), new Pipeline(["remove-one-identity"]), new PassContext());

        Assert.True(outcome.Converged);
        Assert.Equal(4, outcome.Iterations); // three removals, then one iteration that changes nothing
        Assert.Equal(["Relu"], Optimize.Ops(outcome.Model));
        Assert.Equal(outcome.Runs, recorder.Runs);
        Assert.Equal([4, 3, 2, 1], outcome.Runs.Select(r => r.NodesBefore));
        Assert.Equal(new Dictionary<string, int> { ["Identity"] = -1 }, outcome.Runs[0].OpDelta);
        Assert.False(outcome.Runs[^1].Modified);
    }

    [Fact]
    public void StopsAtMaxIterationsAndSaysItDidNotConverge()
    {
        var outcome = new PipelineRunner(TestRegistry()).Run(ChainOfIdentities(5), new Pipeline(["remove-one-identity"], maxIterations: 2), new PassContext());
        Assert.False(outcome.Converged);
        Assert.Equal(2, outcome.Iterations);
        Assert.Equal(4, outcome.Model.Graph.Nodes.Count);
    }

    [Fact]
    public void APassThatBreaksItsInPlaceDeclarationIsNamedInTheError()
    {
        var error = Assert.Throws<PassException>(() =>
            new PipelineRunner(TestRegistry()).Run(ChainOfIdentities(1), new Pipeline(["liar"]), new PassContext()));
        Assert.Equal("liar", error.PassName);
        Assert.Contains("in place", error.Message);
    }

    [Fact]
    public void AVerifierRejectionUndoesThePassAndBenchesIt()
    {
        var model = ChainOfIdentities(2);
        var runner = new PipelineRunner(TestRegistry()) { Verifier = new RejectSigmoid() };
        var outcome = runner.Run(model, new Pipeline(["break-relu", "remove-one-identity"]), new PassContext());

        Assert.Equal(["Relu"], Optimize.Ops(outcome.Model));
        var rejected = Assert.Single(outcome.Rejected);
        Assert.Equal("break-relu", rejected.Pass);
        Assert.Equal("Sigmoid is not Relu", rejected.RejectedBecause);
        Assert.DoesNotContain(outcome.Runs.Skip(1), r => r.Pass == "break-relu");
        Assert.True(outcome.Converged);
    }

    [Fact]
    public void UnknownPassNamesListTheKnownOnes()
    {
        var error = Assert.Throws<OnnxKitException>(() => PassRegistry.Default.Create("fold-everything"));
        Assert.Contains("fold-constants", error.Message);
    }

    [Fact]
    public void LevelsNestAndEveryBuiltInPassHasAUniqueNameAndOneLineDescription()
    {
        var registry = PassRegistry.Default;
        var basic = Pipeline.ForLevel(PassLevel.Basic, registry).Passes;
        var extended = Pipeline.ForLevel(PassLevel.Extended, registry).Passes;
        var all = Pipeline.ForLevel(PassLevel.All, registry).Passes;
        Assert.Subset(extended.ToHashSet(), basic.ToHashSet());
        Assert.Subset(all.ToHashSet(), extended.ToHashSet());
        Assert.Equal(registry.Passes.Count(p => p.Level != PassLevel.Explicit), all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(registry.Passes, p => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", p.Name));
        Assert.All(registry.Passes, p => Assert.DoesNotContain('\n', p.Description));
        Assert.Equal(["fold-constants"], new Pipeline(basic).Without(basic.Skip(1)).Passes);
    }
}
