namespace OnnxKit.Reference.Kernels.Image;

/// <summary>A decoded image: height, width and 8-bit samples, row-major with 1 (gray) or 3 (RGB) per pixel.</summary>
internal sealed record DecodedImage(int Height, int Width, int Channels, byte[] Samples)
{
    /// <summary>Thrown for a well-formed image in a variant the decoders do not read (names the format and the variant).</summary>
    public static UnsupportedFeatureException Unsupported(string format, string variant) =>
        new($"ImageDecoder {format}", $"ImageDecoder cannot decode {format} images of this kind: {variant}.");

    /// <summary>Thrown for a malformed image.</summary>
    public static OnnxKitException Corrupt(string format, string problem) => new($"ImageDecoder: the {format} image is malformed: {problem}.");
}
