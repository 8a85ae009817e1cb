using OnnxKit.Data.Preprocessing;
using OnnxKit.Ir;
using OnnxKit.Tests.TestSupport;
using SkiaSharp;

namespace OnnxKit.Data.Tests;

public sealed class ImageFolderTests : IDisposable
{
    private readonly TempFolder folder = new();

    /// <summary>Writes a solid-colour image encoded as PNG or JPEG.</summary>
    private void Image(string path, int width, int height, SKColor colour, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(colour);
        using var data = bitmap.Encode(format, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    [Fact]
    public void Classes_are_the_sub_folders_and_pixels_come_as_rgb_bytes()
    {
        Image(folder.File("set/cat/a.png"), 4, 3, new SKColor(200, 10, 20));
        Image(folder.File("set/cat/b.jpg"), 4, 3, new SKColor(0, 0, 255), SKEncodedImageFormat.Jpeg);
        Image(folder.File("set/dog/c.png"), 4, 3, new SKColor(5, 6, 7));
        File.WriteAllText(folder.File("set/dog/notes.txt"), "not an image");

        var source = DataSources.Open(DataSpec.Parse(folder.File("set")));

        Assert.Equal(["cat", "dog"], source.ClassNames);
        Assert.Equal(3, source.Count);
        Assert.Equal("x: uint8[3,4,3]", source.Features.Single().ToString());
        var batch = source.ReadBatches(8).Single();
        var pixels = batch.Features["x"].GetRawData().ToArray();
        Assert.Equal(new byte[] { 200, 10, 20 }, pixels[..3]);
        Assert.Equal(new byte[] { 5, 6, 7 }, pixels[^3..]);
        var jpeg = pixels[36..39];
        Assert.True(jpeg[2] > 240 && jpeg[0] < 15 && jpeg[1] < 15, $"JPEG blue decoded as {string.Join(",", jpeg)}");
        Assert.Equal([0L, 0, 1], batch.DefaultLabels!.ToInt64Array());
    }

    [Fact]
    public void Images_of_another_size_need_a_resize_and_are_resized_when_asked()
    {
        Image(folder.File("set/a/1.png"), 4, 4, SKColors.White);
        Image(folder.File("set/a/2.png"), 8, 6, SKColors.White);

        var error = Assert.Throws<DataFormatException>(() => DataSources.Open(DataSpec.Parse(folder.File("set"))).ReadBatches(4).ToList());
        Assert.Equal(folder.File("set/a/2.png"), error.File);
        Assert.Equal(1, error.Record);
        Assert.Contains("--resize", error.Message);

        var resized = DataSources.Open(DataSpec.Parse(folder.File("set")), new PreprocessingOptions { Resize = new ImageSize(2, 2) });
        var x = resized.ReadBatches(4).Single().Features["x"];
        Assert.Equal([2L, 2, 2, 3], x.Dims);
        Assert.All(x.GetRawData().ToArray(), b => Assert.Equal(255, b));
    }

    [Fact]
    public void A_file_that_is_not_an_image_is_reported_by_name()
    {
        Image(folder.File("set/a/1.png"), 2, 2, SKColors.Black);
        File.WriteAllText(folder.File("set/a/2.png"), "broken");
        var error = Assert.Throws<DataFormatException>(() => DataSources.Open(DataSpec.Parse(folder.File("set"))).ReadBatches(4).ToList());
        Assert.Equal(folder.File("set/a/2.png"), error.File);
        Assert.Equal(DataType.UInt8, DataType.UInt8);
    }

    public void Dispose() => folder.Dispose();
}
