namespace OnnxKit.Exporter.Initialization;

/// <summary>
/// A small deterministic random generator (xoshiro256**, seeded through SplitMix64). Written
/// here rather than using <see cref="Random"/> because .NET does not promise that a seeded
/// <see cref="Random"/> yields the same sequence across versions, and exported weights must
/// be reproducible forever from (seed, weight name).
/// </summary>
public sealed class SeededRandom
{
    private ulong s0, s1, s2, s3;
    private double? spareNormal;

    /// <summary>Creates the generator for stream <paramref name="stream"/> of <paramref name="seed"/>.</summary>
    public SeededRandom(ulong seed, ulong stream = 0)
    {
        ulong state = Mix(seed, stream);
        s0 = SplitMix(ref state);
        s1 = SplitMix(ref state);
        s2 = SplitMix(ref state);
        s3 = SplitMix(ref state);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal sample (Box–Muller; the second value of each pair is kept for the next call).</summary>
    public double NextNormal()
    {
        if (spareNormal is double spare)
        {
            spareNormal = null;
            return spare;
        }
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        spareNormal = radius * Math.Sin(2 * Math.PI * u2);
        return radius * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Combines two values into one well-mixed seed.</summary>
    public static ulong Mix(ulong a, ulong b)
    {
        ulong state = a ^ (b * 0x9E3779B97F4A7C15UL);
        SplitMix(ref state);
        return SplitMix(ref state);
    }

    /// <summary>A stable 64-bit hash of a name (FNV-1a over UTF-16 code units).</summary>
    public static ulong HashName(string name)
    {
        ulong hash = 0xCBF29CE484222325UL;
        foreach (char c in name)
        {
            hash ^= c;
            hash *= 0x100000001B3UL;
        }
        return hash;
    }

    private static ulong SplitMix(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
