using System.IO.Compression;
using System.Text;

namespace OnnxKit.Fuzzing;

/// <summary>
/// Hostile <c>.npy</c> and <c>.npz</c> inputs: headers with extreme or malformed shapes and dtypes, data that is
/// truncated or followed by more, and archives whose entries inflate far beyond their compressed size.
/// </summary>
internal static class NumpyMutator
{
    private static readonly string[] Descrs = ["<f4", "<f8", "<i8", "|b1", "<c16", ">f4", "|V2", "<U4", "|O", "f4", ""];

    public static byte[] Npy(Random random)
    {
        var shape = Enumerable.Range(0, random.Next(5)).Select(_ => random.Next(3) == 0 ? Interesting.Integer(random) : random.Next(1, 6)).ToArray();
        string header = $"{{'descr': '{Descrs[random.Next(Descrs.Length)]}', 'fortran_order': {(random.Next(4) == 0 ? "True" : "False")}, 'shape': ({string.Join(", ", shape)}{(shape.Length == 1 ? "," : "")}), }}";
        if (random.Next(8) == 0) header = header[..random.Next(header.Length)];
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 };
        var text = Encoding.Latin1.GetBytes(header.PadRight(header.Length + (64 - (10 + header.Length + 1) % 64) % 64) + "\n");
        bytes.AddRange(BitConverter.GetBytes((ushort)text.Length));
        bytes.AddRange(text);
        long elements = shape.Aggregate(1L, (n, d) => d <= 0 ? 0 : Math.Min(n * Math.Min(d, 1 << 20), 1 << 16));
        int data = (int)(elements * 4) + random.Next(3) switch { 0 => -random.Next(8), 1 => random.Next(16), _ => 0 };
        for (int i = 0; i < Math.Max(0, data); i++) bytes.Add((byte)random.Next(256));
        return random.Next(5) == 0 ? ByteMutator.Mutate(bytes.ToArray(), random) : bytes.ToArray();
    }

    public static byte[] Npz(Random random, string entryName)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = archive.CreateEntry(entryName + ".npy", CompressionLevel.Fastest);
            using var stream = entry.Open();
            if (random.Next(3) == 0)
            {
                // a bomb: a header declaring a large float32 vector, then zeros that compress to almost nothing
                long count = 1L << (20 + random.Next(12));
                string header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({count},), }}";
                header = header.PadRight(header.Length + (64 - (10 + header.Length + 1) % 64) % 64) + "\n";
                stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
                stream.Write(BitConverter.GetBytes((ushort)header.Length));
                stream.Write(Encoding.Latin1.GetBytes(header));
                var zeros = new byte[1 << 20];
                for (long written = 0; written < Math.Min(count * 4, 64L << 20); written += zeros.Length) stream.Write(zeros);
            }
            else stream.Write(Npy(random));
        }
        return memory.ToArray();
    }
}
