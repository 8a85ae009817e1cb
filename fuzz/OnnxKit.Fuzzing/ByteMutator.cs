namespace OnnxKit.Fuzzing;

/// <summary>libFuzzer's byte-level mutations: bit flips, interesting bytes and integers, inserted, erased and copied ranges, truncation.</summary>
internal static class ByteMutator
{
    public static byte[] Mutate(byte[] data, Random random)
    {
        var bytes = new List<byte>(data);
        int rounds = 1 + random.Next(4);
        for (int r = 0; r < rounds; r++)
        {
            int at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0 when bytes.Count > 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1 when bytes.Count > 0: bytes[at] = (byte)new[] { 0, 1, 0x7f, 0x80, 0xff, 0x08, 0x10, 0x12, 0x1a }[random.Next(9)]; break;
                case 2:
                    var value = BitConverter.GetBytes(Interesting.Integer(random));
                    bytes.InsertRange(at, value.Take(1 + random.Next(8)));
                    break;
                case 3 when bytes.Count > 1: bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(16))); break;
                case 4 when bytes.Count > 1:
                    int from = random.Next(bytes.Count), length = Math.Min(bytes.Count - from, 1 + random.Next(64));
                    bytes.InsertRange(at, bytes.GetRange(from, length));
                    break;
                case 5 when bytes.Count > 1: bytes.RemoveRange(at, bytes.Count - at); break;
                default:
                    for (int i = 0; i < 1 + random.Next(8); i++) bytes.Insert(at, (byte)random.Next(256));
                    break;
            }
        }
        return bytes.ToArray();
    }
}
