namespace OnnxKit.Serialization;

/// <summary>Checks that paths named inside a model cannot reach outside the model's folder.</summary>
internal static class PathSafety
{
    /// <summary>Why <paramref name="relativePath"/> could escape its base folder, or null when it cannot.</summary>
    public static string? EscapeReason(string relativePath)
    {
        if (relativePath.Contains('\0')) return "contains a NUL character";
        if (relativePath.StartsWith(@"\\", StringComparison.Ordinal) || relativePath.StartsWith("//", StringComparison.Ordinal)) return "is a UNC path";
        if (relativePath.StartsWith('/') || relativePath.StartsWith('\\')) return "is an absolute path";
        if (relativePath.Length >= 2 && char.IsAsciiLetter(relativePath[0]) && relativePath[1] == ':') return "starts with a drive letter";
        if (Path.IsPathRooted(relativePath)) return "is an absolute path";
        if (relativePath.Split('/', '\\').Any(part => part == "..")) return "climbs out with '..'";
        return null;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> itself or lies below it.</summary>
    public static bool IsInside(string path, string directory)
    {
        string dir = directory.EndsWith(Path.DirectorySeparatorChar) ? directory : directory + Path.DirectorySeparatorChar;
        return path.StartsWith(dir, StringComparison.Ordinal);
    }

    /// <summary>
    /// The absolute path with every symbolic link along it resolved (like POSIX realpath),
    /// so a link inside the folder that points outside it is seen for what it is.
    /// </summary>
    public static string RealPath(string path)
    {
        string full = Path.GetFullPath(path);
        string root = Path.GetPathRoot(full) ?? "/";
        string current = root;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < parts.Length; i++)
        {
            string next = Path.Combine(current, parts[i]);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                next = target is null ? next : RealPath(target.FullName);
            }
            current = next;
        }
        return current;
    }
}
