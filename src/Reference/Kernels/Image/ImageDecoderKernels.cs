using OnnxKit.Ir;
using OnnxKit.Reference.Engine;

namespace OnnxKit.Reference.Kernels.Image;

/// <summary>
/// ImageDecoder: encoded bytes (uint8 [n]) to uint8 [H, W, 3] (RGB or BGR) or [H, W, 1] (Grayscale).
/// BMP, PNG, TIFF (uncompressed) and the Netpbm formats are decoded by this project's own readers, which
/// keeps the evaluator free of native and third-party code; JPEG, JPEG 2000 and WebP are reported as
/// unsupported. Gray from color uses ITU-R 601-2 luma in the fixed-point form of PIL, whose decoding
/// ONNX's expected outputs come from: (19595·R + 38470·G + 7471·B + 2¹⁵) / 2¹⁶.
/// </summary>
internal static class ImageDecoderKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r) => r.Add("ImageDecoder", 20, 20, ImageDecoder);

    private static void ImageDecoder(OpContext c)
    {
        var encoded = c.Input(0);
        if (encoded.ElementType != DataType.UInt8 || encoded.Rank != 1)
            throw new OnnxKitException($"ImageDecoder takes the encoded bytes as uint8 [n], got {encoded.Describe()}.");
        string format = c.String("pixel_format", "RGB");
        if (format is not ("RGB" or "BGR" or "Grayscale"))
            throw new OnnxKitException($"ImageDecoder's pixel_format is '{format}'; it must be RGB, BGR or Grayscale.");
        var image = Decode(encoded.Array<byte>());
        int pixels = image.Height * image.Width, channels = format == "Grayscale" ? 1 : 3;
        var output = new byte[pixels * channels];
        for (int p = 0; p < pixels; p++)
        {
            var source = image.Samples.AsSpan(p * image.Channels, image.Channels);
            if (channels == 1) output[p] = image.Channels == 1 ? source[0] : (byte)((19595 * source[0] + 38470 * source[1] + 7471 * source[2] + 0x8000) >> 16);
            else for (int k = 0; k < 3; k++) output[p * 3 + k] = source[image.Channels == 1 ? 0 : format == "BGR" ? 2 - k : k];
        }
        c.SetOutput(0, new TensorValue(DataType.UInt8, [image.Height, image.Width, channels], output));
    }

    private static DecodedImage Decode(byte[] data)
    {
        if (BmpDecoder.Matches(data)) return BmpDecoder.Decode(data);
        if (PngDecoder.Matches(data)) return PngDecoder.Decode(data);
        if (TiffDecoder.Matches(data)) return TiffDecoder.Decode(data);
        if (PnmDecoder.Matches(data)) return PnmDecoder.Decode(data);
        string format = data.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8]) ? "JPEG"
            : data.AsSpan().StartsWith("RIFF"u8) ? "WebP"
            : data.AsSpan(0, Math.Min(12, data.Length)).IndexOf("jP  "u8) >= 0 || data.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0x4F, 0xFF, 0x51]) ? "JPEG 2000"
            : "";
        throw format.Length > 0
            ? new UnsupportedFeatureException($"ImageDecoder {format}", $"ImageDecoder cannot decode {format} images (it reads BMP, PNG, uncompressed TIFF and PNM).")
            : new OnnxKitException("ImageDecoder: the bytes are not an image in a format it knows (BMP, PNG, TIFF, PNM, JPEG, JPEG 2000, WebP).");
    }
}
