namespace OnnxKit.Ir;

/// <summary>An operator set a model or function uses: a domain ("" for ai.onnx) and its version.</summary>
public sealed record OpsetImport(string Domain, long Version)
{
    /// <summary>True for the default ai.onnx domain.</summary>
    public bool IsDefaultDomain => DomainNames.IsDefault(Domain);

    /// <summary>
    /// Whether the file spelled out the domain. Old exporters leave the field out for ai.onnx; a
    /// model read from such a file is saved the same way. Not part of equality.
    /// </summary>
    public bool DomainWasWritten { get; init; } = true;

    /// <summary>Equal when domain and version are (however the domain was written).</summary>
    public bool Equals(OpsetImport? other) => other is not null && Domain == other.Domain && Version == other.Version;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Domain, Version);

    /// <inheritdoc/>
    public override string ToString() => $"{DomainNames.Display(Domain)}:{Version}";
}
