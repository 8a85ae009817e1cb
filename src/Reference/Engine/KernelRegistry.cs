using OnnxKit.Ir;
using OnnxKit.Schemas;

namespace OnnxKit.Reference.Engine;

/// <summary>
/// Maps (domain, operator, imported opset) to a kernel. The opset is first mapped to the
/// governing schema version with ONNX's schema table (<see cref="OpSchemaRegistry"/>); a kernel
/// serves a node when that version lies in the kernel's declared range.
/// </summary>
internal sealed class KernelRegistry
{
    private static readonly Lazy<KernelRegistry> DefaultRegistry = new(CreateDefault);
    private readonly Dictionary<(string Domain, string OpType), List<KernelEntry>> entries = [];

    /// <summary>The registry holding every kernel of the reference evaluator.</summary>
    public static KernelRegistry Default => DefaultRegistry.Value;

    /// <summary>Every registered kernel.</summary>
    public IEnumerable<KernelEntry> Entries => entries.Values.SelectMany(e => e);

    /// <summary>Registers a kernel for schema versions <paramref name="from"/>..<paramref name="to"/> of an ai.onnx operator.</summary>
    public void Add(string opType, int from, int to, Kernel run, bool computesInFloat32 = false) =>
        Add("", opType, from, to, run, computesInFloat32);

    /// <summary>Registers a kernel for schema versions <paramref name="from"/>..<paramref name="to"/> of an operator of any domain.</summary>
    public void Add(string domain, string opType, int from, int to, Kernel run, bool computesInFloat32 = false)
    {
        domain = DomainNames.Canonical(domain);
        if (!entries.TryGetValue((domain, opType), out var list)) entries[(domain, opType)] = list = [];
        if (list.Any(e => e.FromVersion <= to && from <= e.ToVersion))
            throw new InvalidOperationException($"Overlapping kernels for {opType} versions {from}..{to}.");
        list.Add(new KernelEntry(domain, opType, from, to, run, computesInFloat32));
    }

    /// <summary>
    /// The kernel for <paramref name="opType"/> in a model importing <paramref name="domain"/> at
    /// <paramref name="opset"/>, with the governing schema version; null when none implements it.
    /// </summary>
    public (KernelEntry Entry, int SchemaVersion)? Find(string domain, string opType, int opset)
    {
        domain = DomainNames.Canonical(domain);
        var schema = OpSchemaRegistry.Default.Find(domain, opType, opset);
        if (schema is null || schema.Deprecated) return null;
        if (!entries.TryGetValue((domain, opType), out var list)) return null;
        var entry = list.Find(e => e.FromVersion <= schema.SinceVersion && schema.SinceVersion <= e.ToVersion);
        return entry is null ? null : (entry, schema.SinceVersion);
    }

    /// <summary>A short list of the versions registered for an operator, for error messages.</summary>
    public string DescribeVersions(string domain, string opType) =>
        entries.TryGetValue((DomainNames.Canonical(domain), opType), out var list)
            ? string.Join(", ", list.OrderBy(e => e.FromVersion).Select(e => e.FromVersion == e.ToVersion ? $"{e.FromVersion}" : $"{e.FromVersion}-{e.ToVersion}"))
            : "";


    private static KernelRegistry CreateDefault()
    {
        var registry = new KernelRegistry();
        foreach (var register in Kernels.KernelCatalog.Families) register(registry);
        return registry;
    }
}
