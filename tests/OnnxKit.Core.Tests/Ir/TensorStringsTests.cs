using OnnxKit.Ir;
using OnnxKit.Serialization;

namespace OnnxKit.Tests.Ir;

public sealed class TensorStringsTests
{
    [Fact]
    public void StringTensorsReadFromAModelGiveTheirStrings()
    {
        var graph = new Graph("g");
        var y = graph.AddInitializer("words", StringTensor.FromStrings(["a", "bc", "ü"], [3]));
        graph.Outputs.Add(y);
        var loaded = OnnxFile.Load(OnnxFile.ToBytes(new Model(graph, 9, [new OpsetImport("", 21)])), null);

        var tensor = loaded.Graph.Initializers["words"]!.ConstValue!;

        Assert.Equal(["a", "bc", "ü"], tensor.ToStrings().Select(b => System.Text.Encoding.UTF8.GetString(b)));
    }

    [Fact]
    public void NumericTensorsHaveNoStrings() =>
        Assert.Throws<InvalidOperationException>(() => DenseTensor.FromFloats([1], [1]).ToStrings());
}
