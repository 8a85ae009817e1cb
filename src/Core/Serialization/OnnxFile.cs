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

    /// <summary>Files of at least this many bytes are memory-mapped when loaded; smaller ones are read whole.</summary>
    public const long MapThreshold = 1 << 20;

    /// <summary>
    /// Loads a model; external data is resolved against the file's folder. Tensors' raw data is
    /// not read: it stays in the file (memory-mapped when the file is large) until someone asks
    /// for the values, so loading costs about the size of the graph, not of the weights.
    /// </summary>
    /// <remarks>
    /// A mapped file must not be modified in place while the model is in use (replacing it by
    /// renaming, as <see cref="Save"/> does, is fine): reads first check that its length and
    /// last-write time are unchanged and throw <see cref="OnnxKitException"/> when they are not.
    /// </remarks>
    public static Model Load(string path)
    {
        InputFiles.RequireRegular(path, "Model file");
        var info = new FileInfo(path);
        if (info.Length == 0) throw new OnnxFormatException(path, "the file is empty; it is not an ONNX model.");
        if (info.Length > Array.MaxLength)
            throw new OnnxFormatException(path, $"the file has {info.Length} bytes, more than protobuf's 2 GiB limit for one message; models this large keep their weights in external data files.");
        var source = SourceBytes.Open(path, MapThreshold);
        return Parse(source, Path.GetDirectoryName(Path.GetFullPath(path)), path);
    }

    /// <summary>
    /// Loads a model from bytes. External data, if the model uses any, is resolved
    /// against <paramref name="baseDirectory"/>; without one such a model is refused.
    /// Tensors' raw data is read from <paramref name="bytes"/> when needed, not copied:
    /// the array must not be changed while the model is in use.
    /// </summary>
    public static Model Load(byte[] bytes, string? baseDirectory = null)
    {
        if (bytes.Length == 0) throw new OnnxFormatException("<bytes>", "the buffer is empty; it is not an ONNX model.");
        return Parse(SourceBytes.Of(bytes), baseDirectory, "<bytes>");
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

    /// <summary>The external-data location every placeholder of <see cref="ToBytesWithoutWeights"/> names (at offset 0, with the tensor's length).</summary>
    public const string SuppliedWeightsLocation = ModelWriter.SuppliedLocation;

    /// <summary>
    /// Serializes a model for a runtime that is handed the large weights in memory instead of in the
    /// message (ONNX Runtime's <c>AddInitializer</c>), so that preparing a session copies no weights
    /// into a serialized buffer. Main-graph initializers of at least <paramref name="minBytes"/> bytes
    /// (strings excepted) are written as placeholders: their type and dims, with an external-data
    /// reference to <see cref="SuppliedWeightsLocation"/> at offset 0. They are returned in
    /// <see cref="ModelWithoutWeights.Supplied"/>; the runtime must be given every one of them.
    /// </summary>
    public static ModelWithoutWeights ToBytesWithoutWeights(Model model, long minBytes)
    {
        var supplied = model.Graph.Initializers
            .Where(v => v.ConstValue is { DataType: not DataType.String } t && t.ByteCount >= minBytes && t.ByteCount > 0)
            .ToList();
        var set = supplied.ToHashSet();
        var proto = new ModelWriter(null, set.Contains).Write(model);
        long size = proto.CalculateSize();
        if (size > ProtobufLimit || size < 0)
            throw new OnnxKitException($"Model '{model.Graph.Name}' needs more than 2 GiB even without its large weights.");
        return new ModelWithoutWeights(proto.ToByteArray(), supplied);
    }

    /// <summary>
    /// Saves a model atomically: the model file (and its external data file, when
    /// one is needed) appear complete or not at all. See <see cref="SaveOptions"/>.
    /// </summary>
    public static void Save(Model model, string path, SaveOptions? options = null)
    {
        using var staged = Stage(model, path, options);
        staged.Commit();
    }

    /// <summary>
    /// Writes everything <see cref="Save"/> would, flushed to disk, but under temporary names beside
    /// <paramref name="path"/>: nothing is visible there until <see cref="StagedSave.Commit"/> renames the
    /// files into place, and disposing the result without committing removes them. Lets a caller write a
    /// model while it is still deciding whether to keep it (the optimizer writes while it verifies).
    /// </summary>
    public static StagedSave Stage(Model model, string path, SaveOptions? options = null)
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
        var staged = new StagedSave(path, fullPath, dataPath, options.Cancellation);
        try
        {
            ModelProto proto;
            using (var data = new FileStream(staged.DataTemp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                var external = new ExternalDataWriter(data, location, options);
                proto = new ModelWriter(external).Write(model);
                staged.WroteData = external.WroteAnything;
                data.Flush(flushToDisk: true);
            }
            long size = proto.CalculateSize();
            if (size > ProtobufLimit || size < 0)
                throw new OnnxKitException($"Cannot save '{path}': the model needs more than 2 GiB inline; use external data (ExternalDataMode.External).");
            using (var stream = new FileStream(staged.ModelTemp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                proto.WriteTo(stream);
                stream.Flush(flushToDisk: true);
            }
            return staged;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            staged.Dispose();
            throw new OnnxKitException($"Cannot save '{path}': {e.Message}", e);
        }
        catch
        {
            staged.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Parses the model's skeleton (<see cref="ModelSkeleton"/>: everything but tensors' raw data),
    /// or, when the wire format is too malformed for the skeleton scanner, the whole bytes, so that
    /// protobuf reports what is wrong.
    /// </summary>
    private static Model Parse(SourceBytes bytes, string? baseDirectory, string source)
    {
        var skeleton = ModelSkeleton.TryBuild(bytes.All);
        ModelProto proto;
        try
        {
            proto = skeleton is null ? ModelProto.Parser.ParseFrom(bytes.All) : ModelProto.Parser.ParseFrom(skeleton.Bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OnnxFormatException(source, $"not a valid ONNX model: {ProtobufMessages.Explain(e)}", e);
        }
        return new ModelReader(new ExternalDataResolver(baseDirectory), bytes, skeleton).Read(proto);
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
