using Mono.Unix.Native;

namespace OnnxKit.Security;

/// <summary>
/// Checks that a path a user or a model names is a regular file before anything opens it. Opening a
/// FIFO blocks until someone writes to it, a device such as <c>/dev/zero</c> never ends, a directory
/// cannot be read as a file, and a loop of symbolic links cannot be resolved: each is refused with a
/// message that says which of these it is. On Unix the file type comes from <c>stat(2)</c> (through
/// Mono.Unix, since .NET does not expose it); elsewhere only directories and missing files are told apart.
/// </summary>
public static class InputFiles
{
    /// <summary>Why <paramref name="path"/> cannot be read as a file (e.g. <c>is a FIFO (named pipe)</c>), or null when it is a regular file.</summary>
    public static string? Problem(string path)
    {
        if (string.IsNullOrEmpty(path)) return "is an empty path";
        if (path.Contains('\0')) return "contains a NUL character";
        if (OperatingSystem.IsWindows())
            return Directory.Exists(path) ? "is a directory, not a file" : File.Exists(path) ? null : "does not exist";
        if (Syscall.stat(path, out var status) != 0)
        {
            return Stdlib.GetLastError() switch
            {
                Errno.ENOENT => "does not exist",
                Errno.ELOOP => "is a loop of symbolic links",
                Errno.ENOTDIR => "does not exist (a part of the path is a file, not a folder)",
                Errno.EACCES => "cannot be read (permission denied)",
                Errno.ENAMETOOLONG => "is a path that is too long",
                var other => $"cannot be read ({other})",
            };
        }
        return (status.st_mode & FilePermissions.S_IFMT) switch
        {
            FilePermissions.S_IFREG => null,
            FilePermissions.S_IFDIR => "is a directory, not a file",
            FilePermissions.S_IFIFO => "is a FIFO (named pipe), not a regular file",
            FilePermissions.S_IFCHR => "is a character device, not a regular file",
            FilePermissions.S_IFBLK => "is a block device, not a regular file",
            FilePermissions.S_IFSOCK => "is a socket, not a regular file",
            _ => "is not a regular file",
        };
    }

    /// <summary>Throws an <see cref="OnnxKitException"/> (<c>{what} '{path}' is a directory, not a file.</c>) unless <paramref name="path"/> is a regular file.</summary>
    /// <param name="path">The path to check.</param>
    /// <param name="what">What the file is meant to be, capitalized (e.g. <c>Model file</c>).</param>
    public static void RequireRegular(string path, string what)
    {
        if (Problem(path) is { } problem) throw new OnnxKitException($"{what} '{path}' {problem}.");
    }

    /// <summary>Opens a regular file for reading after <see cref="RequireRegular"/>.</summary>
    public static FileStream OpenRead(string path, string what)
    {
        RequireRegular(path, what);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
    }
}
