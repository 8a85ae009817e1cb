namespace OnnxKit.Ir;

/// <summary>A read-only stream over one byte range of a file.</summary>
internal sealed class FileRangeStream : Stream
{
    private readonly FileStream file;
    private readonly long start;
    private readonly long length;

    public FileRangeStream(string path, long start, long length)
    {
        file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        file.Seek(start, SeekOrigin.Begin);
        this.start = start;
        this.length = length;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => file.Position - start;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        long left = length - Position;
        if (left <= 0) return 0;
        return file.Read(buffer, offset, (int)Math.Min(count, left));
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) file.Dispose();
        base.Dispose(disposing);
    }
}
