using OnnxKit.Ir;
using OnnxKit.Tests.TestSupport;

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
}
