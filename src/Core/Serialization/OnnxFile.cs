using Google.Protobuf;
using OnnxKit.Ir;
using OnnxKit.Security;
using OnnxKit.Serialization.Proto;

namespace OnnxKit.Serialization;

/// <summary>
/// Reads and writes ONNX model files. Loading is safe on untrusted files: malformed
/// or deeply nested protobuf gives an <see cref="OnnxFormatException"/>, external
/// data may not leave the model's folder, and nothing is allocated from a length
/// in the file before it is checked. Saving is atomic and lossless.
/// </summary>
public static class OnnxFile
{
    /// <summary>Protobuf cannot encode a message of 2 GiB or more.</summary>
    public const long ProtobufLimit = int.MaxValue;

    /// <summary>Loads a model; external data is resolved against the file's folder.</summary>
    public static Model Load(string path)
    {
        using var stream = InputFiles.OpenRead(path, "Model file");
        long length = stream.Length;
        if (length == 0) throw new OnnxFormatException(path, "the file is empty; it is not an ONNX model.");
        if (length > Array.MaxLength)
            throw new OnnxFormatException(path, $"the file has {length} bytes, more than protobuf's 2 GiB limit for one message; models this large keep their weights in external data files.");
        byte[] bytes = new byte[length];
        stream.ReadExactly(bytes);
        return Parse(bytes, Path.GetDirectoryName(Path.GetFullPath(path)), path);
    }

    /// <summary>
    /// Loads a model from bytes. External data, if the model uses any, is resolved
    /// against <paramref name="baseDirectory"/>; without one such a model is refused.
    /// </summary>
    public static Model Load(byte[] bytes, string? baseDirectory = null)
    {
        if (bytes.Length == 0) throw new OnnxFormatException("<bytes>", "the buffer is empty; it is not an ONNX model.");
        return Parse(bytes, baseDirectory, "<bytes>");
    }

    /// <summary>Serializes a model with every tensor inline.</summary>
    public static byte[] ToBytes(Model model)
    {
        var proto = new ModelWriter(null).Write(model);
        long size = proto.CalculateSize();
        if (size > ProtobufLimit || size < 0)
            throw new OnnxKitException($"Model '{model.Graph.Name}' needs more than 2 GiB inline; save it to a file with external data instead.");
        return proto.ToByteArray();
    }

    /// <summary>
    /// Saves a model atomically: the model file (and its external data file, when
    /// one is needed) appear complete or not at all. See <see cref="SaveOptions"/>.
    /// </summary>
    public static void Save(Model model, string path, SaveOptions? options = null)
    {
        options ??= new SaveOptions();
        if (options.Alignment <= 0) throw new ArgumentOutOfRangeException(nameof(options), "Alignment must be positive.");
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath)!;
        AtomicFile.PrepareTarget(path);
        string location = options.ExternalDataLocation ?? Path.GetFileName(fullPath) + ".data";
        if (PathSafety.EscapeReason(location) is { } reason)
            throw new OnnxKitException($"External data location '{location}' {reason}; it must be a path inside the model's folder.");
        if (options.ExternalData == ExternalDataMode.Auto && InlineBytes(model) > ProtobufLimit - (64 << 20))
            options = options with { ExternalData = ExternalDataMode.External };

        RequireDiskSpace(model, directory, path);
        string dataPath = Path.Combine(directory, location);
        string dataTemp = AtomicFile.TempPathFor(dataPath);
        string modelTemp = AtomicFile.TempPathFor(fullPath);
        try
        {
            bool wroteData;
            ModelProto proto;
            using (var data = new FileStream(dataTemp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                var external = new ExternalDataWriter(data, location, options);
                proto = new ModelWriter(external).Write(model);
                wroteData = external.WroteAnything;
                data.Flush(flushToDisk: true);
            }
            long size = proto.CalculateSize();
            if (size > ProtobufLimit || size < 0)
                throw new OnnxKitException($"Cannot save '{path}': the model needs more than 2 GiB inline; use external data (ExternalDataMode.External).");
            using (var stream = new FileStream(modelTemp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                proto.WriteTo(stream);
                stream.Flush(flushToDisk: true);
            }
            if (wroteData) AtomicFile.Commit(dataTemp, dataPath);
            else AtomicFile.Discard(dataTemp);
            AtomicFile.Commit(modelTemp, fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            AtomicFile.Discard(dataTemp);
            AtomicFile.Discard(modelTemp);
            throw new OnnxKitException($"Cannot save '{path}': {e.Message}", e);
        }
        catch
        {
            AtomicFile.Discard(dataTemp);
            AtomicFile.Discard(modelTemp);
            throw;
        }
    }

    private static Model Parse(byte[] bytes, string? baseDirectory, string source)
    {
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OnnxFormatException(source, $"not a valid ONNX model: {ProtobufMessages.Explain(e)}", e);
        }
        return new ModelReader(new ExternalDataResolver(baseDirectory)).Read(proto);
    }

    /// <summary>
    /// Estimates the bytes a save writes (every initializer's data) and refuses before writing anything
    /// when the target's file system has less free space, so a save never fills a disk with a temporary file.
    /// </summary>
    private static void RequireDiskSpace(Model model, string directory, string path)
    {
        long needed = 0;
        foreach (var graph in model.AllGraphs())
        {
            foreach (var init in graph.Initializers)
            {
                long bytes = init.ConstValue?.ByteCount ?? 0;
                needed = needed > long.MaxValue - bytes ? long.MaxValue : needed + bytes;
            }
        }
        long free;
        try { free = new DriveInfo(directory).AvailableFreeSpace; }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException) { return; }
        if (needed > free)
            throw new OnnxKitException($"Cannot save '{path}': its weights need {ByteSize.Format(needed)}, but only {ByteSize.Format(free)} is free there.");
    }

    /// <summary>Bytes of tensor data that would be written inline in <see cref="ExternalDataMode.Auto"/> mode.</summary>
    private static long InlineBytes(Model model)
    {
        long total = 0;
        foreach (var graph in model.AllGraphs())
        {
            foreach (var init in graph.Initializers)
            {
                var tensor = init.ConstValue!;
                if (tensor is not IStreamableTensor && tensor.ExternalReference() is null) total += tensor.ByteCount;
            }
        }
        return total;
    }
}
