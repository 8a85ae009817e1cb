namespace OnnxKit.Data;

/// <summary>How <see cref="DataSources.Open"/> reads a data set, beyond what its <see cref="DataSpec"/> says.</summary>
public sealed record DataReadOptions
{
    /// <summary>The defaults: every record, labels found by name.</summary>
    public static DataReadOptions Default { get; } = new();

    /// <summary>CSV: the label columns; null picks a column named <c>label</c>, <c>y</c>, <c>target</c> or <c>class</c> when there is one.</summary>
    public IReadOnlyList<string>? LabelColumns { get; init; }

    /// <summary>Reads only the first this many records; null reads them all.</summary>
    public long? Limit { get; init; }
}
