using OnnxKit.Ir;

namespace OnnxKit.Schemas;

/// <summary>
/// Operator schemas indexed by domain, operator name and since-version. Instances are immutable
/// and safe to share between threads.
/// </summary>
/// <remarks>
/// Domain names are compared ordinally, except that <c>""</c> and <c>"ai.onnx"</c> both name the
/// default domain; it is reported as <c>""</c>.
/// </remarks>
public sealed class OpSchemaRegistry
{
    private static readonly Lazy<OpSchemaRegistry> DefaultRegistry =
        new(() => new OpSchemaRegistry(OpSchemaTable.ReadEmbeddedEntries()), LazyThreadSafetyMode.ExecutionAndPublication);

    // domain -> operator name -> versions ordered by SinceVersion
    private readonly Dictionary<string, Dictionary<string, OperatorVersions>> _versionsByDomain = new(StringComparer.Ordinal);

    /// <summary>Builds a registry over the given schemas.</summary>
    /// <param name="schemas">The schemas; each (domain, name, since-version) may occur once.</param>
    /// <exception cref="ArgumentException">Two schemas share domain, name and since-version.</exception>
    public OpSchemaRegistry(IEnumerable<OpSchema> schemas)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        Index(schemas, schema => schema.Domain, schema => schema.Name, schema => schema.SinceVersion, ordered => () => ordered, nameof(schemas));
    }

    /// <summary>Builds a registry over table lines whose schemas are parsed the first time their operator is looked up.</summary>
    private OpSchemaRegistry(IReadOnlyList<OpSchemaTable.Entry> entries) =>
        Index(entries, entry => DomainNames.Canonical(entry.Domain), entry => entry.Name, entry => entry.SinceVersion,
            ordered => () => ordered.Select(OpSchemaTable.Parse).ToArray(), nameof(entries));

    private void Index<T>(IEnumerable<T> items, Func<T, string> domain, Func<T, string> name, Func<T, int> since,
        Func<T[], Func<OpSchema[]>> schemas, string parameter)
    {
        foreach (var byDomain in items.GroupBy(domain, StringComparer.Ordinal))
        {
            var operators = new Dictionary<string, OperatorVersions>(StringComparer.Ordinal);
            foreach (var versions in byDomain.GroupBy(name, StringComparer.Ordinal))
            {
                var ordered = versions.OrderBy(since).ToArray();
                for (var i = 1; i < ordered.Length; i++)
                {
                    if (since(ordered[i]) == since(ordered[i - 1]))
                    {
                        throw new ArgumentException($"Duplicate operator schema {byDomain.Key}.{versions.Key} since version {since(ordered[i])}.", parameter);
                    }
                }

                operators.Add(versions.Key, new OperatorVersions(ordered.Select(since).ToArray(), schemas(ordered)));
            }

            _versionsByDomain.Add(byDomain.Key, operators);
        }
    }

    /// <summary>An operator's since-versions, known up front, and its schemas, made on first use (thread-safe).</summary>
    private sealed class OperatorVersions(int[] sinceVersions, Func<OpSchema[]> schemas)
    {
        private readonly Lazy<OpSchema[]> _schemas = new(schemas, LazyThreadSafetyMode.ExecutionAndPublication);

        public int[] SinceVersions { get; } = sinceVersions;

        public OpSchema[] Schemas => _schemas.Value;
    }

    /// <summary>
    /// The schemas of ONNX's own domains (<c>ai.onnx</c>, <c>ai.onnx.ml</c>, <c>ai.onnx.preview</c>,
    /// <c>ai.onnx.preview.training</c>), all versions, loaded on first use; an operator's schemas are parsed from the
    /// embedded table the first time the operator is looked up, so a command pays only for the operators its model uses.
    /// </summary>
    public static OpSchemaRegistry Default => DefaultRegistry.Value;

    /// <summary>The domains that have at least one schema, the default domain as <c>""</c>.</summary>
    public IEnumerable<string> Domains => _versionsByDomain.Keys.Order(StringComparer.Ordinal);

    /// <summary>Whether the registry has schemas for <paramref name="domain"/>.</summary>
    /// <param name="domain">A domain name; <c>""</c> and <c>"ai.onnx"</c> are the same.</param>
    public bool IsKnownDomain(string domain) => _versionsByDomain.ContainsKey(DomainNames.Canonical(domain));

    /// <summary>The newest opset version of <paramref name="domain"/> (its largest since-version), or <see langword="null"/> for an unknown domain.</summary>
    /// <param name="domain">A domain name; <c>""</c> and <c>"ai.onnx"</c> are the same.</param>
    public int? NewestOpset(string domain) =>
        _versionsByDomain.TryGetValue(DomainNames.Canonical(domain), out var operators)
            ? operators.Values.Max(versions => versions.SinceVersions[^1])
            : null;

    /// <summary>The operator names of <paramref name="domain"/> in ordinal order, including operators whose newest version is deprecated; empty for an unknown domain.</summary>
    /// <param name="domain">A domain name; <c>""</c> and <c>"ai.onnx"</c> are the same.</param>
    public IEnumerable<string> OpNames(string domain) =>
        _versionsByDomain.TryGetValue(DomainNames.Canonical(domain), out var operators)
            ? operators.Keys.Order(StringComparer.Ordinal)
            : [];

    /// <summary>Every version of an operator, oldest first; empty when the operator is unknown.</summary>
    /// <param name="domain">A domain name; <c>""</c> and <c>"ai.onnx"</c> are the same.</param>
    /// <param name="opType">The operator name, compared ordinally.</param>
    public IReadOnlyList<OpSchema> Versions(string domain, string opType) => VersionsOrNull(domain, opType)?.Schemas ?? [];

    /// <summary>
    /// The schema that governs <paramref name="opType"/> in a model importing <paramref name="domain"/>
    /// at <paramref name="opsetVersion"/>: the version with the largest since-version not above it.
    /// </summary>
    /// <param name="domain">A domain name; <c>""</c> and <c>"ai.onnx"</c> are the same.</param>
    /// <param name="opType">The operator name, compared ordinally.</param>
    /// <param name="opsetVersion">The opset version the model imports for <paramref name="domain"/>.</param>
    /// <returns>
    /// The governing schema, which may be <see cref="OpSchema.Deprecated"/>; <see langword="null"/> when the
    /// operator is unknown or was introduced after <paramref name="opsetVersion"/>.
    /// </returns>
    public OpSchema? Find(string domain, string opType, int opsetVersion)
    {
        var versions = VersionsOrNull(domain, opType);
        if (versions is null)
        {
            return null;
        }

        for (var i = versions.SinceVersions.Length - 1; i >= 0; i--)
        {
            if (versions.SinceVersions[i] <= opsetVersion)
            {
                return versions.Schemas[i];
            }
        }

        return null;
    }

    private OperatorVersions? VersionsOrNull(string domain, string opType)
    {
        ArgumentNullException.ThrowIfNull(opType);
        return _versionsByDomain.TryGetValue(DomainNames.Canonical(domain), out var operators)
            && operators.TryGetValue(opType, out var versions)
                ? versions
                : null;
    }
}
