using OnnxKit.Ir;
using OnnxKit.Serialization.NumPy;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Data.Tests;

public sealed class ArrayReaderTests : IDisposable
{
    private readonly TempFolder folder = new();

    private static DenseTensor Floats(int records, int width, string name) =>
        DenseTensor.FromFloats(Enumerable.Range(0, records * width).Select(i => (float)i).ToArray(), [records, width], name);

    [Fact]
    public void Npz_features_and_labels_come_in_batches_labels_as_int64()
    {
        string path = folder.File("d.npz");
        NpzFile.Write(path, [
            new("x", Floats(5, 3, "x")),
            new("y", DenseTensor.FromArray(DataType.Int32, new[] { 4, 3, 2, 1, 0 }, [5], "y")),
        ]);
        var source = DataSources.Open(DataSpec.Parse(path));

        Assert.Equal(5, source.Count);
        Assert.Equal("x: float[3]", source.Features.Single().ToString());
        Assert.Equal(DataType.Int64, source.Labels.Single().ElementType);
        var batches = source.ReadBatches(2).ToList();
        Assert.Equal([2, 2, 1], batches.Select(b => b.Count));
        Assert.Equal([12f, 13f, 14f], batches[2].Features["x"].ToArray<float>());
        Assert.Equal([4L, 3, 2, 1, 0], batches.SelectMany(b => b.DefaultLabels!.ToInt64Array()));
    }

    [Fact]
    public void A_folder_of_npy_files_reads_like_an_archive_with_per_output_labels()
    {
        Directory.CreateDirectory(folder.File("set/y"));
        NpyFile.Write(folder.File("set/a.npy"), Floats(4, 2, "a"));
        NpyFile.Write(folder.File("set/b.npy"), Floats(4, 1, "b"));
        NpyFile.Write(folder.File("set/y/age.npy"), DenseTensor.FromInt64s([0, 1, 2, 3], [4]));
        NpyFile.Write(folder.File("set/y/score.npy"), DenseTensor.FromFloats([0.5f, 1, 2, 3], [4]));

        var source = DataSources.Open(DataSpec.Parse(folder.File("set") + "/"));

        Assert.Equal(["a", "b"], source.Features.Select(f => f.Name));
        Assert.Equal(["y/age", "y/score"], source.Labels.Select(f => f.Name));
        Assert.Equal(DataType.Float, source.Labels[1].ElementType);
    }

    [Fact]
    public void Arrays_with_different_record_counts_are_reported()
    {
        string path = folder.File("bad.npz");
        NpzFile.Write(path, [new("x", Floats(5, 3, "x")), new("y", DenseTensor.FromInt64s([1, 2, 3], [3]))]);
        var error = Assert.Throws<DataFormatException>(() => DataSources.Open(DataSpec.Parse(path)));
        Assert.Equal(path, error.File);
        Assert.Contains("'y' has 3 records but 'x' has 5", error.Message);
    }

    [Fact]
    public void An_empty_archive_file_is_reported()
    {
        string path = folder.File("empty.npz");
        File.WriteAllBytes(path, []);
        Assert.Equal($"{path}: the file is empty.", Assert.Throws<DataFormatException>(() => DataSources.Open(DataSpec.Parse(path))).Message);
    }

    [Fact]
    public void An_archive_without_records_is_reported()
    {
        string path = folder.File("none.npz");
        NpzFile.Write(path, [new("x", DenseTensor.FromFloats([], [0, 3], "x"))]);
        Assert.Contains("no records", Assert.Throws<DataFormatException>(() => DataSources.Open(DataSpec.Parse(path))).Message);
    }

    [Fact]
    public void A_corrupt_archive_is_a_data_error_naming_the_file()
    {
        string path = folder.File("corrupt.npz");
        File.WriteAllText(path, "not a zip");
        var error = Assert.Throws<DataFormatException>(() => DataSources.Open(DataSpec.Parse(path)));
        Assert.StartsWith(path, error.Message);
    }

    [Fact]
    public void Csv_features_and_a_named_label_column()
    {
        string path = folder.File("table.csv");
        File.WriteAllText(path, "a,b,label,c\n1,2,0,3\n4,5,1,6\n7.5,8,1,9\n");
        var source = DataSources.Open(DataSpec.Parse(path));
        var batch = source.ReadBatches(10).Single();
        Assert.Equal([1f, 2, 3, 4, 5, 6, 7.5f, 8, 9], batch.Features["x"].ToArray<float>());
        Assert.Equal([0L, 1, 1], batch.DefaultLabels!.ToInt64Array());
    }

    [Fact]
    public void Csv_label_columns_given_by_name_and_a_bad_value_names_the_record()
    {
        string path = folder.File("table.csv");
        File.WriteAllText(path, "a,price\n1,200.5\n2,oops\n");
        var error = Assert.Throws<DataFormatException>(() => DataSources.Open(DataSpec.Parse(path), options: new DataReadOptions { LabelColumns = ["price"] }));
        Assert.Equal(1, error.Record);
        Assert.Contains("column 'price' holds 'oops'", error.Message);
    }

    public void Dispose() => folder.Dispose();
}
