using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Tests.Serialization;

/// <summary>Load → save over all of ONNX's conformance models: nothing may change.</summary>
public sealed class BackendModelRoundTripTests
{
    [SharedDataFact(SharedData.BackendNodeFolder)]
    public void EveryConformanceModelSavesToTheSameBytes()
    {
        var models = SharedData.BackendModels();
        Assert.True(models.Count > 1000, $"expected the full conformance set, found {models.Count} models");
        var changed = new List<string>();
        foreach (var path in models)
        {
            byte[] original = File.ReadAllBytes(path);
            byte[] saved = OnnxFile.ToBytes(OnnxFile.Load(path));
            if (!original.AsSpan().SequenceEqual(saved)) changed.Add(Path.GetFileName(Path.GetDirectoryName(path))!);
        }
        Assert.True(changed.Count == 0, $"{changed.Count} of {models.Count} models changed on a round trip: {string.Join(", ", changed.Take(20))}");
    }
}
