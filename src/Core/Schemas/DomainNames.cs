namespace OnnxKit.Schemas;

/// <summary>Canonical spelling of operator-set domain names.</summary>
internal static class DomainNames
{
    /// <summary>The explicit name of the default domain, which nodes and schemas usually write as <c>""</c>.</summary>
    public const string DefaultDomainAlias = "ai.onnx";

    /// <summary><paramref name="domain"/>, with <c>"ai.onnx"</c> replaced by <c>""</c>.</summary>
    public static string Canonical(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return domain == DefaultDomainAlias ? string.Empty : domain;
    }
}
