namespace OnnxKit.Data;

/// <summary>
/// Data that cannot be used: a truncated or malformed file, a record of the wrong shape, a
/// label outside the classes, an empty file. The message names the file and, where the
/// problem is in one record, the record's index (counted from 0).
/// </summary>
public sealed class DataFormatException : OnnxKitException
{
    /// <summary>Creates the error for <paramref name="file"/> (and <paramref name="record"/>, when one record is at fault).</summary>
    public DataFormatException(string file, long? record, string problem, Exception? inner = null)
        : base(Format(file, record, problem), inner ?? new InvalidDataException(problem))
    {
        File = file;
        Record = record;
    }

    /// <summary>The file (or data set) at fault.</summary>
    public string File { get; }

    /// <summary>The index of the record at fault, or null when the problem concerns the whole file.</summary>
    public long? Record { get; }

    private static string Format(string file, long? record, string problem) =>
        record is { } r ? $"{file}: record {r}: {problem}" : $"{file}: {problem}";
}
