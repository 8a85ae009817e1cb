using System.IO.Compression;
using OnnxKit.Ir;
using OnnxKit.Serialization.NumPy;

namespace OnnxKit.Tests.Serialization.NumPy;

/// <summary>.npz archives: NumPy's own (np.savez, np.savez_compressed) and ours.</summary>
public sealed class NpzFileTests
{
    [Theory]
    [InlineData("two_arrays.npz")]
    [InlineData("two_arrays_compressed.npz")]
    public void Reads_numpy_archives(string file)
    {
        var arrays = NpzFile.Read(NpyFileTests.Fixture(file));
        Assert.Equal(["x", "idx"], arrays.Keys);
        Assert.Equal(DataType.Float, arrays["x"].DataType);
        Assert.Equal([-0.75f, -0.5f, -0.25f, 0, 0.25f, 0.5f], arrays["x"].ToArray<float>());
        Assert.Equal([-2L, -1, 0, 1], arrays["idx"].ToArray<long>());
        Assert.Equal("idx", arrays["idx"].Name);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Round_trips_through_our_writer(bool compress)
    {
        string dir = Directory.CreateTempSubdirectory("onnxkit-npz-").FullName;
        try
        {
            string path = Path.Combine(dir, "a.npz");
            var half = DenseTensor.FromArray(DataType.Float16, [(Half)1.5, (Half)(-2)], [2]);
            NpzFile.Write(path, [new("h", half), new("b/c", DenseTensor.FromInt64s([7], []))], compress);
            var back = NpzFile.Read(path);
            Assert.Equal(["h", "b/c"], back.Keys);
            Assert.Equal([(Half)1.5, (Half)(-2)], back["h"].ToArray<Half>());
            Assert.Empty(back["b/c"].Dims);
            using var zip = ZipFile.OpenRead(path);
            Assert.Equal(["h.npy", "b/c.npy"], zip.Entries.Select(e => e.FullName));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Rejects_files_that_are_not_zip_archives()
    {
        var e = Assert.Throws<OnnxFormatException>(() => NpzFile.Read(NpyFileTests.Fixture("f4_2x3.npy")));
        Assert.Contains("not a valid .npz", e.Message);
    }

    [Fact]
    public void Rejects_duplicate_names_when_writing()
    {
        string path = Path.Combine(Path.GetTempPath(), $"onnxkit-dup-{Guid.NewGuid():N}.npz");
        var t = DenseTensor.FromFloats([1], [1]);
        Assert.Throws<OnnxKitException>(() => NpzFile.Write(path, [new("a", t), new("a", t)]));
        Assert.False(File.Exists(path));
    }
}
