using OnnxKit.Data.Readers;
using OnnxKit.Data.Tests.TestSupport;
using OnnxKit.Ir;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Data.Tests;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempFolder folder = new();

    /// <summary>Seven 2×3 images whose pixel (r, c) of image i is 10·i + 3·r + c, and labels i mod 4.</summary>
    private (string Images, string Labels) WritePair(bool gzip, string prefix = "t10k")
    {
        var pixels = new byte[7 * 6];
        for (int i = 0; i < 7; i++) for (int p = 0; p < 6; p++) pixels[i * 6 + p] = (byte)(10 * i + 3 * (p / 3) + p % 3);
        var labels = Enumerable.Range(0, 7).Select(i => (byte)(i % 4)).ToArray();
        string suffix = gzip ? ".gz" : "";
        string images = folder.File($"{prefix}-images-idx3-ubyte{suffix}"), labelFile = folder.File($"{prefix}-labels-idx1-ubyte{suffix}");
        byte[] imageBytes = IdxWriter.UBytes(pixels, 7, 2, 3), labelBytes = IdxWriter.UBytes(labels, 7);
        File.WriteAllBytes(images, gzip ? IdxWriter.Gzip(imageBytes) : imageBytes);
        File.WriteAllBytes(labelFile, gzip ? IdxWriter.Gzip(labelBytes) : labelBytes);
        return (images, labelFile);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_images_and_labels_in_batches_with_the_last_batch_short(bool gzip)
    {
        var (images, _) = WritePair(gzip);
        var source = DataSources.Open(DataSpec.Parse(images));

        Assert.Equal(7, source.Count);
        Assert.Equal("x: uint8[2,3]", source.Features.Single().ToString());
        Assert.Equal(DataType.Int64, source.Labels.Single().ElementType);
        var progress = new List<DataProgress>();
        var batches = source.ReadBatches(3, new SyncProgress(progress)).ToList();

        Assert.Equal([3, 3, 1], batches.Select(b => b.Count));
        Assert.Equal([0L, 3, 6], batches.Select(b => b.Start));
        Assert.Equal([3L, 6, 7], progress.Select(p => p.Records));
        var last = batches[2];
        Assert.Equal([1L, 2, 3], last.Features["x"].Dims);
        Assert.Equal(new byte[] { 60, 61, 62, 63, 64, 65 }, last.Features["x"].GetRawData().ToArray());
        Assert.Equal([0L, 1, 2, 3, 0, 1, 2], batches.SelectMany(b => b.DefaultLabels!.ToInt64Array()));
    }

    [Fact]
    public void Loaded_into_memory_the_batches_are_the_files_batches()
    {
        var (images, _) = WritePair(gzip: true);
        var files = DataSources.Open(DataSpec.Parse(images));
        var memory = DataSources.Load(files);

        Assert.Same(memory, DataSources.Load(memory));
        Assert.Equal(files.Count, memory.Count);
        Assert.Equal(files.Description, memory.Description);
        foreach (int size in new[] { 1, 3, 7, 100 })
        {
            var expected = files.ReadBatches(size).ToList();
            var actual = memory.ReadBatches(size).ToList();
            Assert.Equal(expected.Select(b => (b.Start, b.Count)), actual.Select(b => (b.Start, b.Count)));
            for (int i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Features["x"].Dims, actual[i].Features["x"].Dims);
                Assert.Equal(expected[i].Features["x"].GetRawData().ToArray(), actual[i].Features["x"].GetRawData().ToArray());
                Assert.Equal(expected[i].DefaultLabels!.ToInt64Array(), actual[i].DefaultLabels!.ToInt64Array());
            }
        }
    }

    [Fact]
    public void Big_endian_floats_become_little_endian()
    {
        string path = folder.File("values-idx2-ubyte");
        File.WriteAllBytes(path, IdxWriter.Floats([1.5f, -2f, 3.25f, 0f], 2, 2));
        var batch = DataSources.Open(DataSpec.Parse(path)).ReadBatches(10).Single();
        Assert.Equal([1.5f, -2f, 3.25f, 0f], batch.Features["x"].ToArray<float>());
        Assert.Empty(batch.Labels);
    }

    [Fact]
    public void A_truncated_file_is_reported_with_the_first_incomplete_record()
    {
        var (images, _) = WritePair(gzip: false);
        var bytes = File.ReadAllBytes(images);
        File.WriteAllBytes(images, bytes[..^8]); // record 5 loses 2 bytes, record 6 all of its 6

        var source = DataSources.Open(DataSpec.Parse(images));
        var error = Assert.Throws<DataFormatException>(() => source.ReadBatches(4).ToList());

        Assert.Equal(images, error.File);
        Assert.Equal(5, error.Record);
        Assert.Contains("record 5", error.Message);
        Assert.Contains("7 records", error.Message);
    }

    [Fact]
    public void A_truncated_gzipped_file_is_reported()
    {
        var (images, _) = WritePair(gzip: true);
        var bytes = File.ReadAllBytes(images);
        File.WriteAllBytes(images, bytes[..(bytes.Length * 2 / 3)]);

        var error = Assert.Throws<DataFormatException>(() => DataSources.Open(DataSpec.Parse(images)).ReadBatches(100).ToList());
        Assert.Equal(images, error.File);
        Assert.Contains(images, error.Message);
    }

    [Fact]
    public void An_empty_file_is_reported()
    {
        string path = folder.File("empty-images-idx3-ubyte");
        File.WriteAllBytes(path, []);
        var error = Assert.Throws<DataFormatException>(() => DataSources.Open(DataSpec.Parse(path)));
        Assert.Equal($"{path}: the file is empty.", error.Message);
    }

    [Fact]
    public void A_header_with_zero_records_is_reported()
    {
        string path = folder.File("none-images-idx3-ubyte");
        File.WriteAllBytes(path, IdxWriter.UBytes([], 0, 28, 28));
        Assert.Contains("no records", Assert.Throws<DataFormatException>(() => DataSources.Open(DataSpec.Parse(path))).Message);
    }

    [Fact]
    public void Label_and_image_counts_must_agree()
    {
        var (images, labels) = WritePair(gzip: false);
        File.WriteAllBytes(labels, IdxWriter.UBytes([1, 2, 3], 3));
        var error = Assert.Throws<DataFormatException>(() => DataSources.Open(DataSpec.Parse(images)));
        Assert.Equal(labels, error.File);
        Assert.Contains("3 labels", error.Message);
        Assert.Contains("7 images", error.Message);
    }

    [Fact]
    public void Not_an_idx_file_is_reported()
    {
        string path = folder.File("text-images-idx3-ubyte");
        File.WriteAllText(path, "hello, world");
        Assert.Contains("not an IDX file", Assert.Throws<DataFormatException>(() => DataSources.Open(DataSpec.Parse(path))).Message);
    }

    [FashionMnistFact]
    public void Fashion_mnist_test_has_ten_thousand_images_a_thousand_per_class()
    {
        var source = DataSources.Open(DataSpec.Parse("fashion-mnist:test"));
        Assert.Equal(10_000, source.Count);
        Assert.Equal("x: uint8[28,28]", source.Features.Single().ToString());
        Assert.Equal("Ankle boot", source.ClassNames![9]);
        var labels = source.ReadBatches(4096).SelectMany(b => b.DefaultLabels!.ToInt64Array()).ToArray();
        Assert.Equal(10_000, labels.Length);
        Assert.All(labels.GroupBy(l => l), g => Assert.Equal(1000, g.Count()));
    }

    [Fact]
    public void Limit_keeps_the_first_records()
    {
        var (images, _) = WritePair(gzip: true);
        var source = DataSources.Open(DataSpec.Parse(images), options: new DataReadOptions { Limit = 5 });
        Assert.Equal(5, source.Count);
        var batches = source.ReadBatches(2).ToList();
        Assert.Equal([2, 2, 1], batches.Select(b => b.Count));
        Assert.Equal([0L, 1, 2, 3, 0], batches.SelectMany(b => b.DefaultLabels!.ToInt64Array()));
    }

    [Fact]
    public void The_idx_name_pattern_is_recognized()
    {
        Assert.True(IdxFile.IsIdxName("train-images-idx3-ubyte.gz"));
        Assert.True(IdxFile.IsIdxName("t10k-labels.idx1-ubyte"));
        Assert.False(IdxFile.IsIdxName("images.npz"));
    }

    public void Dispose() => folder.Dispose();

    /// <summary>Records progress reports as they come (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class SyncProgress(List<DataProgress> reports) : IProgress<DataProgress>
    {
        public void Report(DataProgress value) => reports.Add(value);
    }
}
