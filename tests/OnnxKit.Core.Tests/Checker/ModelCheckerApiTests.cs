using OnnxKit.Checker;
using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using OnnxKit.Serialization;

namespace OnnxKit.Tests.Checker;

/// <summary>The public surface of the checker: report shape, severities, options, and that the model is left alone.</summary>
public sealed class ModelCheckerApiTests
{
    [Fact]
    public void ProblemPrintsSeverityLocationMessageAndCode()
    {
        var problem = new CheckProblem(CheckSeverity.Error, "graph.node[0](Add)", ProblemCodes.UndefinedInput, "input 1 reads 'm'.");

        Assert.Equal("error: graph.node[0](Add): input 1 reads 'm'. [undefined-input]", problem.ToString());
    }

    [Fact]
    public void WarningsAloneLeaveTheModelValid()
    {
        var report = ModelChecker.Check(ValidModels.All.Single(c => c.Name == "custom-domain-op").Build());

        Assert.True(report.IsValid);
        Assert.Equal(0, report.ErrorCount);
        Assert.Equal(1, report.WarningCount);
    }

    [Fact]
    public void UnknownDomainsCanBeMadeErrors()
    {
        var model = ValidModels.All.Single(c => c.Name == "custom-domain-op").Build();

        var report = ModelChecker.Check(model, new CheckerOptions { UnknownDomainsAreErrors = true });

        Assert.False(report.IsValid);
        Assert.Equal(ProblemCodes.UnverifiedOp, Assert.Single(report.Problems).Code);
    }

    [Fact]
    public void UnverifiedOperatorsAreReportedOncePerOperatorAtTheFirstNode()
    {
        var g = new GraphBuilder(13, "g");
        var a = g.AddNode("Fused", [g.Input("x", 2)], domain: "com.example").Outputs[0];
        var b = g.AddNode("Other", [a], domain: "com.example").Outputs[0];
        g.Output(g.AddNode("Fused", [b], domain: "com.example").Outputs[0], DataType.Float, 2);

        var report = ModelChecker.Check(g.ToModel(7, new OpsetImport("com.example", 1)));

        Assert.Equal(["graph.node[0](Fused)", "graph.node[1](Other)"],
            report.Problems.Where(p => p.Code == ProblemCodes.UnverifiedOp).Select(p => p.Location));
        Assert.Contains("2 nodes use it", report.Problems[0].Message);
    }

    [Fact]
    public void ErrorsAreCountedAndListedInModelOrder()
    {
        var report = ModelChecker.Check(InvalidModels.All.Single(c => c.Name == "several-problems").Build());

        Assert.Equal(3, report.ErrorCount);
        Assert.Equal(["graph.node[0](Add)", "graph.node[1]('act').attribute['alpha']", "graph.node[2](If).attribute['then_branch'].node[0](LayerNormalization)"],
            report.Problems.Where(p => p.Severity == CheckSeverity.Error).Select(p => p.Location));
    }

    [Fact]
    public void GeneratedInitializersAreNotMaterialized()
    {
        var g = new GraphBuilder(13, "g");
        var w = g.Graph.AddInitializer("w", new GeneratedTensor(DataType.Float, [1L << 28],
            (_, _) => throw new InvalidOperationException("the checker read the data"), "w"));
        g.Output(g.Op("Add", [g.Input("x", 1L << 28), w]), DataType.Float, 1L << 28);

        var report = ModelChecker.Check(g.ToModel(7));

        Assert.True(report.IsValid, report.ToString());
    }

    [Fact]
    public void CheckingDoesNotChangeTheModel()
    {
        foreach (var testCase in InvalidModels.All.Concat(ValidModels.All))
        {
            Model model = testCase.Build();
            byte[] before = OnnxFile.ToBytes(model);

            ModelChecker.Check(model);

            Assert.True(before.AsSpan().SequenceEqual(OnnxFile.ToBytes(model)), $"{testCase.Name} changed");
        }
    }
}
