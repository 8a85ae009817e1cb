namespace OnnxKit.OpsetTests;

/// <summary>A seeded float input of the matrices: values uniform in [-1, 1) from <c>Random(1000 + index)</c>.</summary>
internal sealed record SeededInput(string Name, float[] Data, long[] Shape)
{
    public static SeededInput Create(string name, long[] shape, int index)
    {
        var random = new Random(1000 + index);
        var data = new float[shape.Aggregate(1L, (a, b) => a * b)];
        for (int k = 0; k < data.Length; k++) data[k] = (float)(random.NextDouble() * 2 - 1);
        return new SeededInput(name, data, shape);
    }
}
