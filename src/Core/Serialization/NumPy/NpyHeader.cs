using System.Globalization;
using System.Text;

namespace OnnxKit.Serialization.NumPy;

/// <summary>
/// The header of a <c>.npy</c> file: a Python dict literal with the keys <c>descr</c>,
/// <c>fortran_order</c> and <c>shape</c>. The parser accepts exactly the literal forms
/// NumPy writes (quoted strings, True/False, tuples of non-negative integers) and nothing
/// else, so a malformed or hostile header fails with a message rather than being evaluated.
/// </summary>
internal sealed record NpyHeader(string Descr, bool FortranOrder, long[] Shape)
{
    /// <summary>The format's magic string, <c>\x93NUMPY</c>.</summary>
    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>NumPy refuses headers longer than this by default; so do we.</summary>
    public const int MaxHeaderLength = 1 << 16;

    private const int Alignment = 64;

    /// <summary>NumPy leaves room for the growing axis to reach this many digits.</summary>
    private const int GrowthAxisMaxDigits = 21;

    /// <summary>Reads the preamble and header, leaving the stream at the first data byte.</summary>
    public static NpyHeader Read(Stream stream, string where)
    {
        Span<byte> preamble = stackalloc byte[8];
        if (stream.ReadAtLeast(preamble, preamble.Length, throwOnEndOfStream: false) < preamble.Length || !preamble[..6].SequenceEqual(Magic))
            throw new OnnxFormatException(where, "not a NumPy .npy file (the magic string \\x93NUMPY is missing).");
        byte major = preamble[6];
        int length;
        if (major == 1)
        {
            Span<byte> len = stackalloc byte[2];
            ReadExactly(stream, len, where);
            length = len[0] | (len[1] << 8);
        }
        else if (major is 2 or 3)
        {
            Span<byte> len = stackalloc byte[4];
            ReadExactly(stream, len, where);
            uint value = BitConverter.ToUInt32(len);
            if (value > MaxHeaderLength) throw new OnnxFormatException(where, $"the .npy header claims {value} bytes; at most {MaxHeaderLength} are accepted.");
            length = (int)value;
        }
        else throw new OnnxFormatException(where, $".npy format version {major}.{preamble[7]} is not supported (1.0, 2.0 and 3.0 are).");

        var text = new byte[length];
        ReadExactly(stream, text, where);
        Encoding encoding = major == 3 ? Encoding.UTF8 : Encoding.Latin1;
        return Parse(encoding.GetString(text), where) with { ByteLength = 8 + (major == 1 ? 2 : 4) + length };
    }

    /// <summary>The bytes the preamble and header took in the file that was read (0 for a header made in code).</summary>
    public int ByteLength { get; init; }

    /// <summary>Writes the preamble and padded header the way NumPy's <c>np.save</c> does.</summary>
    public void Write(Stream stream)
    {
        var dict = new StringBuilder();
        dict.Append("{'descr': '").Append(Descr).Append("', 'fortran_order': ").Append(FortranOrder ? "True" : "False").Append(", 'shape': (");
        dict.Append(string.Join(", ", Shape.Select(d => d.ToString(CultureInfo.InvariantCulture))));
        if (Shape.Length == 1) dict.Append(',');
        dict.Append("), }");
        if (Shape.Length > 0) dict.Append(' ', GrowthAxisMaxDigits - Shape[0].ToString(CultureInfo.InvariantCulture).Length);

        int prefix = Magic.Length + 2 + 2;
        bool wide = prefix + dict.Length + 1 > ushort.MaxValue;
        if (wide) prefix += 2;
        int padding = (Alignment - (prefix + dict.Length + 1) % Alignment) % Alignment;
        dict.Append(' ', padding).Append('\n');
        byte[] header = Encoding.Latin1.GetBytes(dict.ToString());

        stream.Write(Magic);
        stream.Write(wide ? [2, 0] : [1, 0]);
        if (wide) stream.Write(BitConverter.GetBytes((uint)header.Length));
        else stream.Write(BitConverter.GetBytes((ushort)header.Length));
        stream.Write(header);
    }

    internal static NpyHeader Parse(string text, string where)
    {
        var parser = new Parser(text, where);
        string? descr = null;
        bool? fortran = null;
        long[]? shape = null;
        parser.Expect('{');
        while (!parser.TryConsume('}'))
        {
            string key = parser.ReadString();
            parser.Expect(':');
            switch (key)
            {
                case "descr" when descr is null: descr = parser.ReadString(); break;
                case "fortran_order" when fortran is null: fortran = parser.ReadBool(); break;
                case "shape" when shape is null: shape = parser.ReadShape(); break;
                default: throw parser.Error($"unexpected or repeated key '{key}'");
            }
            if (!parser.TryConsume(',')) { parser.Expect('}'); break; }
        }
        parser.ExpectEnd();
        if (descr is null || fortran is null || shape is null)
            throw new OnnxFormatException(where, "the .npy header must give 'descr', 'fortran_order' and 'shape'.");
        return new NpyHeader(descr, fortran.Value, shape);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string where)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
            throw new OnnxFormatException(where, "the .npy file ends inside its header.");
    }

    /// <summary>A cursor over the header text that reads the few Python literals NumPy writes.</summary>
    private sealed class Parser(string text, string where)
    {
        private int position;

        public void Expect(char c)
        {
            if (!TryConsume(c)) throw Error($"expected '{c}'");
        }

        public bool TryConsume(char c)
        {
            SkipSpace();
            if (position < text.Length && text[position] == c)
            {
                position++;
                return true;
            }
            return false;
        }

        public void ExpectEnd()
        {
            SkipSpace();
            if (position != text.Length) throw Error("unexpected text after the header dict");
        }

        public string ReadString()
        {
            SkipSpace();
            if (position >= text.Length || text[position] is not ('\'' or '"')) throw Error("expected a quoted string");
            char quote = text[position++];
            int end = text.IndexOf(quote, position);
            if (end < 0) throw Error("unterminated string");
            string value = text[position..end];
            if (value.Contains('\\')) throw Error("escape sequences are not supported in header strings");
            position = end + 1;
            return value;
        }

        public bool ReadBool()
        {
            SkipSpace();
            if (Matches("True")) return true;
            if (Matches("False")) return false;
            throw Error("expected True or False");
        }

        public long[] ReadShape()
        {
            Expect('(');
            var dims = new List<long>();
            while (!TryConsume(')'))
            {
                dims.Add(ReadDim());
                if (dims.Count > 64) throw Error("more than 64 dimensions");
                if (!TryConsume(',')) { Expect(')'); break; }
            }
            return dims.ToArray();
        }

        public OnnxFormatException Error(string problem) =>
            new(where, $"malformed .npy header at character {position}: {problem}.");

        private long ReadDim()
        {
            SkipSpace();
            int start = position;
            while (position < text.Length && char.IsAsciiDigit(text[position])) position++;
            if (start == position) throw Error("expected a non-negative integer dimension");
            int digitsEnd = position;
            if (position < text.Length && text[position] == 'L') position++;
            if (!long.TryParse(text.AsSpan(start, digitsEnd - start), NumberStyles.None, CultureInfo.InvariantCulture, out long value))
                throw Error("dimension too large");
            return value;
        }

        private bool Matches(string word)
        {
            if (string.CompareOrdinal(text, position, word, 0, word.Length) != 0) return false;
            position += word.Length;
            return true;
        }

        private void SkipSpace()
        {
            while (position < text.Length && char.IsWhiteSpace(text[position])) position++;
        }
    }
}
