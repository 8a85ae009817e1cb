using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Tests.Execution;

public sealed class RandomTensorsTests
{
    private static readonly TensorSpec[] Specs =
    [
        new("pixels", DataType.Float, new Shape(Dim.Named("N"), 3)),
        new("ids", DataType.Int64, new Shape(Dim.Named("N"), 5)),
        new("mask", DataType.Bool, Shape.Of(4)),
        new("half", DataType.Float16, Shape.Of(6)),
        new("words", DataType.String, Shape.Of(2)),
    ];

    [Fact]
    public void The_same_seed_gives_the_same_tensors_and_another_seed_different_ones()
    {
        var shapes = ShapeOverrides.Parse(["N=2"]);
        var a = RandomTensors.ForInputs(Specs, shapes, 3, new List<string>());
        var b = RandomTensors.ForInputs(Specs, shapes, 3, new List<string>());
        var c = RandomTensors.ForInputs(Specs, shapes, 4, new List<string>());
        Assert.Equal(a["pixels"].ToArray<float>(), b["pixels"].ToArray<float>());
        Assert.Equal(a["ids"].ToArray<long>(), b["ids"].ToArray<long>());
        Assert.NotEqual(a["pixels"].ToArray<float>(), c["pixels"].ToArray<float>());
        Assert.Equal([2L, 3], a["pixels"].Dims);
        Assert.Equal([2L, 5], a["ids"].Dims);
    }

    [Fact]
    public void Values_stay_in_each_types_documented_range()
    {
        var t = RandomTensors.ForInputs(Specs, ShapeOverrides.Parse(["N=50"]), 0, new List<string>());
        Assert.All(t["pixels"].ToArray<float>(), v => Assert.InRange(v, 0f, 1f));
        Assert.All(t["ids"].ToArray<long>(), v => Assert.InRange(v, 0L, 9L));
        Assert.All(t["mask"].ToArray<byte>(), v => Assert.InRange(v, (byte)0, (byte)1));
        Assert.All(t["half"].ToArray<Half>(), v => Assert.InRange((float)v, 0f, 1f));
        Assert.All(((StringTensor)t["words"]).Values, w => Assert.InRange(w.Length, 1, 8));
    }

    [Fact]
    public void Sub_byte_types_ask_for_a_file()
    {
        var e = Assert.Throws<OnnxKitException>(() => RandomTensors.Create(DataType.Int4, [4], new Random(0), "q"));
        Assert.Contains("give input 'q' from a .pb file", e.Message);
    }
}
