using OnnxKit.Ir;

namespace OnnxKit.Checker;

/// <summary>The opset imports of a model or a function, looked up by domain ("" and "ai.onnx" are the same).</summary>
internal sealed class OpsetTable
{
    private readonly Dictionary<string, long> versions = new(StringComparer.Ordinal);

    public OpsetTable(IEnumerable<OpsetImport> imports)
    {
        foreach (var import in imports) versions.TryAdd(DomainNames.Canonical(import.Domain), import.Version);
    }

    /// <summary>The domains imported, canonical ("" for ai.onnx).</summary>
    public IEnumerable<string> Domains => versions.Keys;

    public bool TryGetVersion(string domain, out long version) => versions.TryGetValue(DomainNames.Canonical(domain), out version);

    /// <summary>Adds an import unless the domain is already present.</summary>
    public void AddIfMissing(string domain, long version) => versions.TryAdd(DomainNames.Canonical(domain), version);
}
