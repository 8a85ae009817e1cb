using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Tests.Serialization;

/// <summary>Load → save over real models written by others (tools/fetch-real-models.sh): nothing may change.</summary>
public sealed class RealModelRoundTripTests
{
    public static TheoryData<string> PackagedModels() => new(RealModels.PackagedModels);

    [RealModelTheory(RealModels.SileroV5)]
    [MemberData(nameof(PackagedModels))]
    public void RealModelSavesToTheSameBytes(string model)
    {
        string path = RealModels.Require(model);
        byte[] original = File.ReadAllBytes(path);
        Assert.True(original.AsSpan().SequenceEqual(OnnxFile.ToBytes(OnnxFile.Load(path))), $"{model} changed on a round trip");
    }

    [RealModelFact(RealModels.PyTorchOperatorCases, RealModels.PyTorchConvertedCases)]
    public void PyTorchExportedCasesSaveToTheSameBytes()
    {
        var models = RealModels.CaseFolders(RealModels.PyTorchOperatorCases)
            .Concat(RealModels.CaseFolders(RealModels.PyTorchConvertedCases))
            .Select(folder => Path.Combine(folder, "model.onnx")).ToList();
        Assert.Equal(117, models.Count);
        var changed = models.Where(path => !File.ReadAllBytes(path).AsSpan().SequenceEqual(OnnxFile.ToBytes(OnnxFile.Load(path)))).ToList();
        Assert.True(changed.Count == 0, $"{changed.Count} of {models.Count} models changed on a round trip: {string.Join(", ", changed)}");
    }
}
