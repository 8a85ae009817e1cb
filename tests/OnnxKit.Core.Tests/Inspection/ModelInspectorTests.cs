using OnnxKit.Inspection;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Tests.Inspection;

public sealed class ModelInspectorTests
{
    [Fact]
    public void CountsParametersOperatorsAndSymbolicShapes()
    {
        var report = ModelInspector.Inspect(TestModels.Dense(inputs: 5, outputs: 2));
        Assert.Equal(5 * 2 + 2, report.ParameterCount);
        Assert.Equal(new ParameterGroup("float", 12, 48), Assert.Single(report.ParametersByType));
        Assert.Equal(["Add", "MatMul", "Relu"], report.OpHistogram.Select(o => o.OpType).Order(StringComparer.Ordinal));
        Assert.All(report.OpHistogram, o => Assert.Equal(1, o.Count));
        Assert.Equal(["N", "5"], report.Inputs.Single().Shape);
        Assert.Equal(["ai.onnx:13"], report.OpsetImports);
    }

    [Fact]
    public void CountsWeightsHeldInConstantNodesAndSaysHowTheyAreStored()
    {
        var report = ModelInspector.Inspect(TestModels.DenseWithConstantWeights(inputs: 5, outputs: 2));
        Assert.Equal(5 * 2 + 2, report.ParameterCount);
        Assert.Equal(5 * 2 + 2, report.ConstantNodeParameterCount);
        Assert.Equal(2, report.ConstantNodeCount);
        Assert.Equal(new ParameterGroup("float", 12, 48), Assert.Single(report.ParametersByType));

        var mixed = TestModels.Dense(inputs: 5, outputs: 2);
        mixed.Graph.Nodes.Add(new OnnxKit.Ir.Node("", "Constant", [], ["shape"], [OnnxKit.Ir.Attribute.Ints("value_ints", [1, -1])]));
        var both = ModelInspector.Inspect(mixed);
        Assert.Equal(12 + 2, both.ParameterCount);
        Assert.Equal(2, both.ConstantNodeParameterCount);
        Assert.Equal(1, both.ConstantNodeCount);
        Assert.Equal([new ParameterGroup("float", 12, 48), new ParameterGroup("int64", 2, 16)], both.ParametersByType);
    }

    [SharedDataFact(SharedData.BackendNodeFolder)]
    public void EveryConformanceModelCanBeInspected()
    {
        int withSubgraphs = 0, models = 0;
        foreach (var path in SharedData.BackendModels())
        {
            var report = ModelInspector.Inspect(OnnxFile.Load(path));
            Assert.True(report.NodeCount >= 1, path);
            Assert.Equal(report.NodeCount, report.OpHistogram.Sum(o => o.Count));
            withSubgraphs += report.SubgraphCount > 0 ? 1 : 0;
            models++;
        }
        Assert.True(models > 1000);
        Assert.True(withSubgraphs > 10, $"only {withSubgraphs} models with subgraphs seen");
    }
}
