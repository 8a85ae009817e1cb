using OnnxKit.Optimizer.Passes;

namespace OnnxKit.Optimizer.Tests.Passes;

public sealed class SortedCountsTests
{
    /// <summary>Names that ordinal, culture and insertion order put in different orders.</summary>
    private static readonly (string Name, int Count)[] Entries =
        [("relu", 1), ("Conv", 52), ("com.microsoft::FusedConv", 3), ("Add", 10), ("add", 2), ("ai.onnx.ml::Scaler", 4), ("Éclair", 5)];

    [Fact]
    public void EnumeratesAndLooksUpAsAnOrdinalSortedDictionary()
    {
        var expected = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, count) in Entries)
        {
            expected[name] = count;
            counts[name] = count;
        }

        var sorted = new SortedCounts<int>(counts);

        Assert.Equal(expected.ToList(), sorted.ToList());
        Assert.Equal(expected.Keys, sorted.Keys);
        Assert.False(sorted.Keys is string[], "the names must not be handed out as a writable array");
        Assert.Equal(expected.Values, sorted.Values);
        Assert.Equal(Entries.Length, sorted.Count);
        Assert.Equal(52, sorted["Conv"]);
        Assert.True(sorted.TryGetValue("add", out int add) && add == 2);
        Assert.False(sorted.TryGetValue("ADD", out _));
        Assert.False(sorted.ContainsKey("conv"));
        Assert.Throws<KeyNotFoundException>(() => sorted["Gemm"]);
    }

    [Fact]
    public void AnEmptyModelHasNoCounts() =>
        Assert.Empty(OpHistogram.Of(new OnnxKit.Ir.Model(new OnnxKit.Ir.Graph("empty"), 8, [new OnnxKit.Ir.OpsetImport("", 13)])));
}
