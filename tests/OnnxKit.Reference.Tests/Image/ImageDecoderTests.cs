using System.Diagnostics;
using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using OnnxKit.Tests.TestSupport;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Reference.Tests.Image;

/// <summary>
/// ImageDecoder against PIL (Debian's python3-pil), which also produced ONNX's expected outputs: PIL
/// writes seeded noise images in each variant the decoders read (tools/make_image_fixtures.py) and its
/// own decoding of each, as RGB and as gray; the evaluator must reproduce them byte for byte.
/// </summary>
public sealed class ImageDecoderTests
{
    [DebianPythonFact("PIL")]
    public void EveryVariantDecodesAsPilDoes()
    {
        using var folder = new TempFolder();
        var start = new ProcessStartInfo(DebianPythonFactAttribute.Python, [Path.Combine(RepositoryPaths.Root, "tools", "make_image_fixtures.py"), folder.Path])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        string listing = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        var variants = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')).ToList();
        Assert.True(variants.Count >= 12, listing);

        foreach (var fields in variants)
        {
            string name = fields[0];
            int height = int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture), width = int.Parse(fields[3], System.Globalization.CultureInfo.InvariantCulture);
            byte[] encoded = File.ReadAllBytes(folder.File($"{name}.{fields[1]}"));
            byte[] rgb = File.ReadAllBytes(folder.File($"{name}.rgb"));
            Assert.Equal(rgb, Decode(encoded, "RGB", [height, width, 3], name));
            var bgr = Decode(encoded, "BGR", [height, width, 3], name);
            Assert.Equal(Enumerable.Range(0, rgb.Length).Select(i => rgb[i / 3 * 3 + 2 - i % 3]), bgr);
            Assert.Equal(File.ReadAllBytes(folder.File($"{name}.gray")), Decode(encoded, "Grayscale", [height, width, 1], name));
        }
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "cannot decode JPEG")]
    [InlineData(new byte[] { 1, 2, 3, 4, 5 }, "not an image")]
    [InlineData(new byte[] { (byte)'B', (byte)'M', 0 }, "malformed")]
    public void UnsupportedAndBrokenImagesSaySo(byte[] encoded, string message)
    {
        var error = Assert.ThrowsAny<OnnxKitException>(() => Decode(encoded, "RGB", [1, 1, 3], "bytes"));
        Assert.Contains(message, error.Message);
    }

    private static byte[] Decode(byte[] encoded, string format, int[] dims, string name)
    {
        var g = new GraphBuilder(20, "decode");
        g.Output(g.Op("ImageDecoder", [g.Input("encoded", DataType.UInt8, encoded.Length)], IrAttribute.String("pixel_format", format)));
        var session = new ReferenceSession(g.ToModel(10));
        var image = (TensorValue)session.Run([new TensorValue(DataType.UInt8, [encoded.Length], encoded)])[0];
        Assert.True(dims.AsSpan().SequenceEqual(image.Dims), $"{name} {format}: shape [{string.Join(",", image.Dims)}]");
        return image.AsSpan<byte>().ToArray();
    }
}
