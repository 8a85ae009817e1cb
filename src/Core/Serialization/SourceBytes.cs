using System.IO.MemoryMappedFiles;
using OnnxKit.Ir;

namespace OnnxKit.Serialization;

/// <summary>
/// The bytes a model was read from, kept so that tensors' raw data can stay where it is: a
/// memory-mapped file (files of <see cref="OnnxFile.MapThreshold"/> bytes or more), a file read
/// whole (smaller files), or the caller's array. Tensors hold <see cref="SourceRange"/>s into it and
/// read them when someone asks for their values.
/// </summary>
/// <remarks>
/// <para>
/// A mapped page whose file was cut short in place is a fatal SIGBUS when touched, not an
/// exception. So the file stays open, its length and last-write time are recorded when it is
/// opened, and every range handed out, every save and every hand-over of the path to another
/// reader first checks them (<see cref="EnsureUnchanged"/>): a file truncated or rewritten after
/// loading is an <see cref="OnnxKitException"/> naming it. Replacing the file by renaming another
/// over it is harmless to the mapping (it keeps the old file), but readers that open the path
/// again (ONNX Runtime) would see the new file, so <see cref="EnsureSameFileAtPath"/> checks that
/// too. A file rewritten between a check and the read that follows it can still crash the
/// process; small files are read into memory, so only large mapped ones have that window.
/// </para>
/// <para>
/// A mapping is never unmapped: spans handed out may outlive every object that refers to it, and
/// reading an unmapped page crashes. It is released when the process ends. Only files at or above
/// the threshold are mapped, so a process that loads many small models maps none of them.
/// </para>
/// </remarks>
internal sealed unsafe class SourceBytes
{
    private readonly byte[]? array;
    private readonly byte* mapped;
    private readonly MappedRangeMemory? mappedMemory;
    private readonly OpenMapping? file;
    private readonly DateTime lastWriteUtc;

    private SourceBytes(byte[] array, string? path, DateTime lastWriteUtc)
    {
        this.array = array;
        Length = array.Length;
        FilePath = path;
        this.lastWriteUtc = lastWriteUtc;
    }

    private SourceBytes(OpenMapping file, MemoryMappedViewAccessor view, long length, string path, DateTime lastWriteUtc)
    {
        this.file = file;
        mappedMemory = new MappedRangeMemory(view, checked((int)length));
        mapped = mappedMemory.Pointer;
        Length = length;
        FilePath = path;
        this.lastWriteUtc = lastWriteUtc;
    }

    /// <summary>The full path of the file read, with symbolic links resolved; null for bytes given by a caller.</summary>
    public string? FilePath { get; }

    /// <summary>The number of bytes.</summary>
    public long Length { get; }

    /// <summary>True when the file is memory-mapped rather than held in an array.</summary>
    public bool IsMapped => mappedMemory is not null;

    /// <summary>Every byte, for the scanner that finds where tensors' data lies.</summary>
    public ReadOnlySpan<byte> All => array is not null ? array : new ReadOnlySpan<byte>(mapped, (int)Length);

    /// <summary>Wraps a caller's array, which must not change while the model read from it is in use.</summary>
    public static SourceBytes Of(byte[] bytes) => new(bytes, null, default);

    /// <summary>
    /// Opens the file at <paramref name="path"/>: read whole when it is smaller than
    /// <paramref name="mapThreshold"/> bytes, memory-mapped otherwise. The caller has checked
    /// that it exists and that its length is between 1 byte and 2 GiB.
    /// </summary>
    public static SourceBytes Open(string path, long mapThreshold)
    {
        string real = PathSafety.RealPath(path);
        var stream = new FileStream(real, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
        try
        {
            long length = stream.Length;
            var written = File.GetLastWriteTimeUtc(stream.SafeFileHandle);
            if (length < mapThreshold)
            {
                var bytes = new byte[length];
                stream.ReadExactly(bytes);
                stream.Dispose();
                return new SourceBytes(bytes, real, written);
            }
            var mapping = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
            var view = mapping.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            return new SourceBytes(new OpenMapping(stream, mapping), view, length, real, written);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <paramref name="length"/> bytes at <paramref name="offset"/>, without copying. For a mapped
    /// file this first checks that the file has not changed since it was opened.
    /// </summary>
    /// <exception cref="OnnxKitException">The mapped file was truncated or rewritten after loading.</exception>
    public ReadOnlyMemory<byte> Slice(long offset, int length)
    {
        if (array is not null) return array.AsMemory((int)offset, length);
        EnsureUnchanged();
        return mappedMemory!.Memory.Slice((int)offset, length);
    }

    /// <summary>
    /// Copies <paramref name="destination"/>.Length bytes at <paramref name="offset"/> into
    /// <paramref name="destination"/>. A mapped file is read through its file handle rather than its
    /// mapping, so the copy does not also leave the mapped pages resident in this process (they stay in
    /// the system's page cache): a caller that needs the bytes elsewhere, such as an aligned buffer for
    /// ONNX Runtime, then holds one copy, not two. Checks first that the file has not changed.
    /// </summary>
    /// <exception cref="OnnxKitException">The mapped file was truncated or rewritten after loading.</exception>
    public void CopyTo(long offset, Span<byte> destination)
    {
        if (array is not null)
        {
            array.AsSpan(checked((int)offset), destination.Length).CopyTo(destination);
            return;
        }
        EnsureUnchanged();
        while (destination.Length > 0)
        {
            int read = RandomAccess.Read(file!.Stream.SafeFileHandle, destination, offset);
            if (read == 0) throw Changed($"it ended before byte {offset}");
            destination = destination[read..];
            offset += read;
        }
    }

    /// <summary>Throws when the file read has been truncated or rewritten in place since it was opened.</summary>
    /// <exception cref="OnnxKitException">The file changed; the message names it and says how.</exception>
    public void EnsureUnchanged()
    {
        if (file is null) return;
        long now = RandomAccess.GetLength(file.Stream.SafeFileHandle);
        if (now != Length) throw Changed($"its length went from {Length} to {now} bytes");
        if (File.GetLastWriteTimeUtc(file.Stream.SafeFileHandle) != lastWriteUtc) throw Changed("it was rewritten");
    }

    /// <summary>
    /// For readers that open the path again (ONNX Runtime): throws unless the file now at
    /// <see cref="FilePath"/> still has the length and last-write time it had when it was read.
    /// </summary>
    /// <exception cref="OnnxKitException">The file was changed, replaced or removed.</exception>
    public void EnsureSameFileAtPath()
    {
        if (FilePath is null) return;
        EnsureUnchanged();
        var info = new FileInfo(FilePath);
        if (!info.Exists) throw Changed("it was removed");
        if (info.Length != Length || info.LastWriteTimeUtc != lastWriteUtc) throw Changed("another file was put in its place");
    }

    private OnnxKitException Changed(string how) =>
        new($"Model file '{FilePath}' changed on disk after it was loaded ({how}); its weights can no longer be read safely. Load it again.");

    /// <summary>Keeps the file and its mapping open for as long as the process runs (see the remarks on <see cref="SourceBytes"/>).</summary>
    private sealed class OpenMapping(FileStream stream, MemoryMappedFile mapping)
    {
        public FileStream Stream { get; } = stream;

        public MemoryMappedFile Mapping { get; } = mapping;
    }
}
