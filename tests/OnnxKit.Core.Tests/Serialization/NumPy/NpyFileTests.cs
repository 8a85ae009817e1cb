using System.Runtime.InteropServices;
using System.Text;
using OnnxKit.Ir;
using OnnxKit.Serialization.NumPy;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Tests.Serialization.NumPy;

/// <summary>
/// .npy reading and writing against files NumPy 1.24 wrote (tools/gen_npy_fixtures.py);
/// the expected values are the generator's patterns, recomputed here.
/// </summary>
public sealed class NpyFileTests
{
    internal static string Fixture(string name) =>
        Path.Combine(RepositoryPaths.Root, "tests", "OnnxKit.Core.Tests", "Serialization", "NumPy", "Fixtures", name);

    /// <summary>The generator's pattern for signed and float types: arange(n) - n/2 (times 0.25 for floats).</summary>
    private static double[] Signed(int n, double scale) => Enumerable.Range(0, n).Select(i => (i - n / 2) * scale).ToArray();

    [Theory]
    [InlineData("f2", DataType.Float16, 0.25)]
    [InlineData("f4", DataType.Float, 0.25)]
    [InlineData("f8", DataType.Double, 0.25)]
    [InlineData("i1", DataType.Int8, 1.0)]
    [InlineData("i2", DataType.Int16, 1.0)]
    [InlineData("i4", DataType.Int32, 1.0)]
    [InlineData("i8", DataType.Int64, 1.0)]
    public void Reads_signed_and_float_dtypes(string dtype, DataType expected, double scale)
    {
        var tensor = NpyFile.Read(Fixture($"{dtype}_2x3.npy"));
        Assert.Equal(expected, tensor.DataType);
        Assert.Equal([2L, 3L], tensor.Dims);
        Assert.Equal(Signed(6, scale), tensor.ToDoubleArray());
    }

    [Theory]
    [InlineData("u1", DataType.UInt8)]
    [InlineData("u2", DataType.UInt16)]
    [InlineData("u4", DataType.UInt32)]
    [InlineData("u8", DataType.UInt64)]
    public void Reads_unsigned_dtypes(string dtype, DataType expected)
    {
        var tensor = NpyFile.Read(Fixture($"{dtype}_2x3.npy"));
        Assert.Equal(expected, tensor.DataType);
        Assert.Equal([0.0, 1, 2, 3, 4, 5], tensor.ToDoubleArray());
    }

    [Fact]
    public void Reads_bool()
    {
        var tensor = NpyFile.Read(Fixture("b1_2x3.npy"));
        Assert.Equal(DataType.Bool, tensor.DataType);
        Assert.Equal([1, 0, 0, 1, 0, 0], tensor.ToArray<byte>());
    }

    [Theory]
    [InlineData("c8")]
    [InlineData("c16")]
    public void Reads_complex_as_interleaved_pairs(string dtype)
    {
        var tensor = NpyFile.Read(Fixture($"{dtype}_2x3.npy"));
        double[] parts = dtype == "c8"
            ? tensor.ToArray<Complex64Pair>().SelectMany(c => new double[] { c.Real, c.Imaginary }).ToArray()
            : MemoryMarshal.Cast<byte, double>(tensor.GetRawData().Span).ToArray();
        double[] expected = Signed(6, 1.0).SelectMany(v => new[] { v, 0.5 * v }).ToArray();
        Assert.Equal(expected, parts);
    }

    [Theory]
    [InlineData("i4_be_2x3.npy", DataType.Int32, 1.0)]
    [InlineData("f8_be_2x3.npy", DataType.Double, 0.25)]
    public void Converts_big_endian_files(string file, DataType expected, double scale)
    {
        var tensor = NpyFile.Read(Fixture(file));
        Assert.Equal(expected, tensor.DataType);
        Assert.Equal(Signed(6, scale), tensor.ToDoubleArray());
    }

    [Fact]
    public void Reorders_fortran_order_to_c_order()
    {
        var tensor = NpyFile.Read(Fixture("f4_fortran_2x3x4.npy"));
        Assert.Equal([2L, 3L, 4L], tensor.Dims);
        Assert.Equal(Signed(24, 0.25), tensor.ToDoubleArray());
    }

    [Fact]
    public void Reads_two_byte_void_as_bfloat16()
    {
        var tensor = NpyFile.Read(Fixture("bf16_as_v2_2x2.npy"));
        Assert.Equal(DataType.BFloat16, tensor.DataType);
        float[] values = tensor.ToArray<ushort>().Select(b => new BFloat16(b).ToSingle()).ToArray();
        Assert.Equal([1f, 2f, -1f], values[..3]);
        Assert.True(float.IsNaN(values[3]));
    }

    [Fact]
    public void Reads_scalars_and_empty_arrays()
    {
        var scalar = NpyFile.Read(Fixture("f4_scalar.npy"));
        Assert.Empty(scalar.Dims);
        Assert.Equal([1.5f], scalar.ToArray<float>());
        var empty = NpyFile.Read(Fixture("f4_empty_0x3.npy"));
        Assert.Equal([0L, 3L], empty.Dims);
        Assert.Equal(0, empty.ElementCount);
    }

    [Theory]
    [InlineData("f2_2x3.npy")]
    [InlineData("f4_2x3.npy")]
    [InlineData("f8_2x3.npy")]
    [InlineData("i1_2x3.npy")]
    [InlineData("i8_2x3.npy")]
    [InlineData("u1_2x3.npy")]
    [InlineData("u8_2x3.npy")]
    [InlineData("b1_2x3.npy")]
    [InlineData("c16_2x3.npy")]
    [InlineData("bf16_as_v2_2x2.npy")]
    [InlineData("f4_scalar.npy")]
    [InlineData("f4_empty_0x3.npy")]
    public void Writes_the_same_bytes_as_numpy(string file)
    {
        byte[] numpy = File.ReadAllBytes(Fixture(file));
        using var written = new MemoryStream();
        NpyFile.Write(written, NpyFile.Read(Fixture(file)));
        Assert.Equal(numpy, written.ToArray());
    }

    [Fact]
    public void Write_to_a_path_round_trips_and_leaves_no_temporary_files()
    {
        string dir = Directory.CreateTempSubdirectory("onnxkit-npy-").FullName;
        try
        {
            var tensor = DenseTensor.FromFloats([1, 2, 3, 4], [2, 2]);
            string path = Path.Combine(dir, "x.npy");
            NpyFile.Write(path, tensor);
            Assert.Equal([path], Directory.GetFiles(dir));
            var back = NpyFile.Read(path);
            Assert.Equal("x", back.Name);
            Assert.Equal([1f, 2, 3, 4], back.ToArray<float>());
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Refuses_types_numpy_cannot_hold()
    {
        var float8 = new DenseTensor(DataType.Float8E4M3FN, [2], new byte[2], "f8");
        var e = Assert.Throws<OnnxKitException>(() => NpyFile.Write(new MemoryStream(), float8));
        Assert.Contains("float8e4m3fn", e.Message);
    }

    [Theory]
    [InlineData("{'descr': '<U5', 'fortran_order': False, 'shape': (2,), }", "'<U5' is not supported")]
    [InlineData("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", "'|O' is not supported")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, }", "must give")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1}", "unexpected or repeated key 'extra'")]
    [InlineData("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (2,)}", "repeated key 'descr'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }", "non-negative integer")]
    [InlineData("{'descr': '<f4', 'fortran_order': None, 'shape': (2,), }", "expected True or False")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,), }", "too large")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4294967296), }", "more elements")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (100000000,), }", "only 0 follow")]
    [InlineData("__import__('os').system('x')", "expected '{'")]
    public void Rejects_malformed_headers_with_a_message(string header, string expected)
    {
        var e = Assert.ThrowsAny<OnnxKitException>(() => NpyFile.Read(new MemoryStream(Npy(header, [])), "x"));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Rejects_truncated_data_and_files_that_are_not_npy()
    {
        byte[] full = File.ReadAllBytes(Fixture("f4_2x3.npy"));
        var truncated = Assert.Throws<OnnxFormatException>(() => NpyFile.Read(new MemoryStream(full[..^4])));
        Assert.Contains("24 bytes of data but only 20", truncated.Message);
        var notNpy = Assert.Throws<OnnxFormatException>(() => NpyFile.Read(new MemoryStream(Encoding.ASCII.GetBytes("PK\x03\x04 not numpy"))));
        Assert.Contains("magic", notNpy.Message);
        var insideHeader = Assert.Throws<OnnxFormatException>(() => NpyFile.Read(new MemoryStream(full[..40])));
        Assert.Contains("ends inside its header", insideHeader.Message);
    }

    [Fact]
    public void Rejects_oversized_version_2_headers_before_reading_them()
    {
        byte[] file = [.. NpyHeaderMagic, 2, 0, .. BitConverter.GetBytes(uint.MaxValue)];
        var e = Assert.Throws<OnnxFormatException>(() => NpyFile.Read(new MemoryStream(file)));
        Assert.Contains("at most", e.Message);
    }

    private static readonly byte[] NpyHeaderMagic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    private static byte[] Npy(string header, byte[] data)
    {
        byte[] text = Encoding.Latin1.GetBytes(header + "\n");
        return [.. NpyHeaderMagic, 1, 0, (byte)text.Length, (byte)(text.Length >> 8), .. text, .. data];
    }

    /// <summary>One complex64 element as stored: real then imaginary float32.</summary>
    private readonly record struct Complex64Pair(float Real, float Imaginary);
}
