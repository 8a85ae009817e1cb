using OnnxKit.Ir;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Tests.Ir;

public sealed class ModelCloneTests
{
    [Fact]
    public void CloneIsIndependentOfTheOriginal()
    {
        var model = TestModels.Dense();
        byte[] before = OnnxFile.ToBytes(model);
        var clone = model.Clone();

        var relu = clone.Graph.Nodes.Last!;
        relu.OpType = "Sigmoid";
        clone.Graph.Inputs[0].Name = "renamed";
        clone.Graph.Nodes.InsertBefore(relu, new Node("", "Identity", [relu.Inputs[0]], ["extra"]));

        Assert.Equal(before, OnnxFile.ToBytes(model));
        Assert.Equal("Relu", model.Graph.Nodes.Last!.OpType);
        Assert.Equal(3, model.Graph.Nodes.Count);
        Assert.Single(model.Graph.Nodes.First!.Inputs[0]!.Uses);
    }

    [Fact]
    public void CloneKeepsUseDefChainsInsideTheCopy()
    {
        var clone = TestModels.Dense().Clone();
        var matmul = clone.Graph.Nodes.First!;
        Assert.Same(clone.Graph.Inputs[0], matmul.Inputs[0]);
        Assert.Same(clone.Graph.Initializers["W"], matmul.Inputs[1]);
        Assert.Equal([new Usage(clone.Graph.Nodes.ElementAt(1), 0)], matmul.Outputs[0].Uses);
        Assert.Same(clone.Graph.Nodes.Last!.Outputs[0], clone.Graph.Outputs[0]);
    }

    [SharedDataFact(SharedData.BackendNodeFolder)]
    public void EveryConformanceModelClonesToTheSameBytes()
    {
        var changed = new List<string>();
        foreach (var path in SharedData.BackendModels())
        {
            var model = OnnxFile.Load(path);
            if (!OnnxFile.ToBytes(model).AsSpan().SequenceEqual(OnnxFile.ToBytes(model.Clone())))
                changed.Add(Path.GetFileName(Path.GetDirectoryName(path))!);
        }
        Assert.True(changed.Count == 0, $"{changed.Count} models differ after cloning: {string.Join(", ", changed.Take(20))}");
    }
}
