using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Tests.TestSupport;
using static OnnxKit.Reference.Tests.TestGraphs;

namespace OnnxKit.Reference.Tests.Engine;

public sealed class ReferenceModelBackendTests
{
    [Fact]
    public void DescribesInputsAndOutputsAndReturnsNamedTensors()
    {
        using var backend = new ReferenceModelBackend(TestModels.Dense());
        Assert.Equal("reference", backend.Name);
        Assert.Equal("x: float[N,4]", backend.Inputs.Single().ToString());
        Assert.Equal("y: float[N,3]", backend.Outputs.Single().ToString());

        var outputs = backend.Run(new Dictionary<string, ITensor> { ["x"] = DenseTensor.FromFloats([0, 0, 0, 0], [1, 4]) });

        var y = outputs["y"];
        Assert.Equal("y", y.Name);
        Assert.Equal([0f, 0.5f, 1.5f], y.ToArray<float>()); // Relu(b) with b = [-0.5, 0.5, 1.5]
    }

    [Fact]
    public void ACancelledRunStopsBeforeTheNextNode()
    {
        using var backend = new ReferenceModelBackend(TestModels.Dense());
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            backend.Run(new Dictionary<string, ITensor> { ["x"] = DenseTensor.FromFloats([0, 0, 0, 0], [1, 4]) }, cancelled.Token));
    }

    [Fact]
    public void RunValuesExchangesSequencesThatRunRefuses()
    {
        var model = SingleNode("SplitToSequence", null, 21, [4]);
        model.Graph.Outputs[0].Type = new SequenceType(new TensorType(DataType.Float));
        using var backend = new ReferenceBackend().Prepare(model);
        var x = DenseTensor.FromFloats([1, 2, 3, 4], [4]);

        var parts = backend.RunValues(new Dictionary<string, OnnxValue> { ["x0"] = OnnxValue.FromTensor(x) })["y"];

        Assert.Equal(OnnxValueKind.Sequence, parts.Kind);
        Assert.Equal([1f, 2, 3, 4], parts.Items.Select(item => item.Tensor.ToArray<float>().Single()));
        var error = Assert.Throws<UnsupportedFeatureException>(() => backend.Run(new Dictionary<string, ITensor> { ["x0"] = x }));
        Assert.Contains("RunValues", error.Message);
    }

    [Fact]
    public void InputsAreCheckedByTheContractsRules()
    {
        using var backend = new ReferenceBackend().Prepare(TestModels.Dense());

        var error = Assert.Throws<OnnxKitException>(() => backend.Run(new Dictionary<string, ITensor> { ["x"] = DenseTensor.FromFloats(new float[3], [1, 3]) }));

        Assert.Equal("Model 'dense', input 'x': expected shape [N,4], got [1,3].", error.Message);
    }
}
