using OnnxKit.Data.Preprocessing;
using OnnxKit.Ir;
using SkiaSharp;

namespace OnnxKit.Data.Readers;

/// <summary>
/// Images in one sub-folder per class (<c>root/cat/1.png</c>, <c>root/dog/2.jpg</c>), the
/// layout of Keras's <c>image_dataset_from_directory</c>. Classes are the sub-folders in
/// ordinal order; records are their PNG and JPEG files, class by class, in ordinal order.
/// Each image is decoded with SkiaSharp when its batch is read, converted to 8-bit RGB and,
/// when a size is given, resized (linear filtering); feature <c>x</c> is uint8 <c>[H,W,3]</c>
/// per record and labels <c>y</c> the class indices.
/// </summary>
internal sealed class ImageFolderDataSource : DataSourceBase
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg"];

    private readonly (string File, int Label)[] records;
    private readonly ImageSize size;
    private readonly bool resizing;

    public ImageFolderDataSource(string root, ImageSize? resize)
    {
        var classes = Directory.GetDirectories(root).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        if (classes.Length == 0) throw new DataFormatException(root, null, "the folder has neither .npy files nor class sub-folders of images.");
        records = classes
            .SelectMany((name, label) => Directory.EnumerateFiles(Path.Combine(root, name!))
                .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                .Order(StringComparer.Ordinal)
                .Select(f => (f, label)))
            .ToArray();
        if (records.Length == 0) throw new DataFormatException(root, null, $"its class sub-folders ({string.Join(", ", classes)}) hold no PNG or JPEG images.");
        ClassNames = classes!;
        size = resize ?? SizeOf(records[0].File);
        resizing = resize is not null;
        Count = records.Length;
        Features = [new DataField("x", DataType.UInt8, [size.Height, size.Width, 3])];
        Labels = [new DataField(DataBatch.DefaultLabelName, DataType.Int64, [])];
        Name = root;
        Description = $"{root} ({records.Length:N0} images in {classes.Length} classes)";
    }

    public override IEnumerable<DataBatch> ReadBatches(int batchSize, IProgress<DataProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        int pixels = size.Height * size.Width * 3;
        for (int start = 0; start < records.Length; start += batchSize)
        {
            int count = Math.Min(batchSize, records.Length - start);
            var data = new byte[count * pixels];
            var labels = new long[count];
            for (int i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (file, label) = records[start + i];
                Decode(file, start + i, data.AsSpan(i * pixels, pixels));
                labels[i] = label;
            }
            var batch = new DataBatch(start, count,
                new Dictionary<string, ITensor> { ["x"] = new DenseTensor(DataType.UInt8, [count, size.Height, size.Width, 3], data, "x") },
                new Dictionary<string, ITensor> { [DataBatch.DefaultLabelName] = DenseTensor.FromInt64s(labels, [count], DataBatch.DefaultLabelName) });
            progress?.Report(new DataProgress(start + count, Count));
            yield return batch;
        }
    }

    private static ImageSize SizeOf(string file)
    {
        using var codec = SKCodec.Create(file) ?? throw new DataFormatException(file, 0, "the image cannot be decoded (not a valid PNG or JPEG).");
        return new ImageSize(codec.Info.Height, codec.Info.Width);
    }

    /// <summary>Decodes <paramref name="file"/> into RGB bytes of the source's size.</summary>
    private void Decode(string file, long record, Span<byte> rgb)
    {
        using var decoded = SKBitmap.Decode(file) ?? throw new DataFormatException(file, record, "the image cannot be decoded (not a valid PNG or JPEG).");
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        SKBitmap target;
        if (decoded.Width == size.Width && decoded.Height == size.Height)
        {
            target = new SKBitmap(info);
            if (!decoded.CopyTo(target, SKColorType.Rgba8888)) throw new DataFormatException(file, record, "the image's pixels cannot be converted to RGB.");
        }
        else if (!resizing)
        {
            throw new DataFormatException(file, record, $"the image is {decoded.Height}x{decoded.Width} but the first image is {size}; give a size to resize every image to (--resize).");
        }
        else
        {
            target = decoded.Resize(info, new SKSamplingOptions(SKFilterMode.Linear))
                ?? throw new DataFormatException(file, record, $"the image cannot be resized from {decoded.Height}x{decoded.Width} to {size}.");
        }
        using (target)
        {
            var rgba = target.GetPixelSpan();
            for (int p = 0, q = 0; q < rgb.Length; p += 4, q += 3)
            {
                rgb[q] = rgba[p];
                rgb[q + 1] = rgba[p + 1];
                rgb[q + 2] = rgba[p + 2];
            }
        }
    }
}
