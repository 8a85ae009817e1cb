namespace OnnxKit.Serialization;

/// <summary>
/// Writes files so that readers see either the old content or the complete new
/// content, never a half-written file: data goes to a temporary file in the same
/// folder, which is flushed to disk and then renamed over the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>A temporary file beside <paramref name="path"/>, to be committed with <see cref="Commit"/> or removed with <see cref="Discard"/>.</summary>
    public static string TempPathFor(string path)
    {
        string full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
    }

    /// <summary>Replaces <paramref name="path"/> with the finished temporary file.</summary>
    public static void Commit(string tempPath, string path) => File.Move(tempPath, path, overwrite: true);

    /// <summary>Removes a temporary file after a failure; never throws.</summary>
    public static void Discard(string tempPath)
    {
        try { File.Delete(tempPath); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Writes <paramref name="path"/> atomically with <paramref name="write"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        string temp = TempPathFor(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            Commit(temp, path);
        }
        catch
        {
            Discard(temp);
            throw;
        }
    }
}
