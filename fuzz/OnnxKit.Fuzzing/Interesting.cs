namespace OnnxKit.Fuzzing;

/// <summary>The boundary values mutations draw from: the ones that overflow, divide by zero or size huge buffers.</summary>
internal static class Interesting
{
    public static readonly long[] Integers =
    [
        0, 1, -1, 2, -2, 3, 7, 255, 256, 65535, 65536, int.MaxValue, int.MinValue, (long)int.MaxValue + 1,
        uint.MaxValue, 1L << 32, 1L << 40, 1L << 62, long.MaxValue, long.MinValue, long.MinValue + 1, 100000, 1000000000,
    ];

    public static readonly float[] Floats =
    [
        0f, -0f, 1f, -1f, 0.5f, 2f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, float.MinValue,
        float.Epsilon, 1e-30f, 1e30f, 3.4e38f,
    ];

    public static long Integer(Random random) => random.Next(4) == 0 ? random.NextInt64(-1000, 1000) : Integers[random.Next(Integers.Length)];

    public static float Float(Random random) => random.Next(4) == 0 ? (float)(random.NextDouble() * 200 - 100) : Floats[random.Next(Floats.Length)];
}
