using OnnxKit.Ir;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Runtime.Tests;

/// <summary>
/// With graph optimizations off, <see cref="OnnxSession.FromModel"/> hands large weights to ONNX
/// Runtime in memory instead of serializing them: its outputs must be bit-identical to those of a
/// session made from the fully serialized model.
/// </summary>
public sealed class SuppliedWeightsTests
{
    private static readonly SessionSettings AsWritten = new() { OptimizationLevel = OptimizationLevel.None };

    [Fact]
    public void Weights_supplied_in_memory_give_the_same_outputs_as_serialized_ones()
    {
        var model = TestModels.Dense(inputs: 64, outputs: 32); // W: 8 KiB, supplied; b: 128 bytes, serialized
        Assert.Single(OnnxFile.ToBytesWithoutWeights(model, OnnxSession.SuppliedWeightMinBytes).Supplied);
        AssertSameOutputs(model, OnnxFile.ToBytes(model), 64);
    }

    [Fact]
    public void Weights_of_a_memory_mapped_file_at_unaligned_offsets_are_supplied_too()
    {
        using var folder = new TempFolder();
        string path = folder.File("large.onnx");
        OnnxFile.Save(TestModels.Dense(inputs: 1024, outputs: 300), path); // 1.2 MB: mapped when loaded
        AssertSameOutputs(OnnxFile.Load(path), File.ReadAllBytes(path), 1024);
    }

    private static void AssertSameOutputs(Model model, byte[] serialized, int width)
    {
        var input = DenseTensor.FromFloats(Enumerable.Range(0, (int)(3 * width)).Select(i => MathF.Cos(i)).ToArray(), [3, width]);
        var inputs = new Dictionary<string, ITensor> { ["x"] = input };
        using var supplied = OnnxSession.FromModel(model, AsWritten);
        using var reference = OnnxSession.FromBytes(serialized, AsWritten);
        Assert.Equal(reference.Run(inputs)["y"].ToArray<float>(), supplied.Run(inputs)["y"].ToArray<float>());
    }
}
