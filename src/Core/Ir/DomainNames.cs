namespace OnnxKit.Ir;

/// <summary>
/// The one place that knows how the default operator-set domain is spelled. Files write it as
/// <c>""</c> or as <c>"ai.onnx"</c>; both name the same domain, so every comparison of domains
/// goes through <see cref="IsDefault"/> or <see cref="Canonical"/>.
/// </summary>
public static class DomainNames
{
    /// <summary>The explicit name of the default domain, which nodes and imports usually write as <c>""</c>.</summary>
    public const string DefaultAlias = "ai.onnx";

    /// <summary>True when <paramref name="domain"/> names the default ai.onnx domain (<c>""</c> or <c>"ai.onnx"</c>).</summary>
    public static bool IsDefault(string? domain) => domain is "" or DefaultAlias;

    /// <summary><paramref name="domain"/>, with <c>"ai.onnx"</c> replaced by <c>""</c>, for use as a key.</summary>
    public static string Canonical(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return IsDefault(domain) ? string.Empty : domain;
    }

    /// <summary><paramref name="domain"/> as people write it in messages: <c>"ai.onnx"</c> for the default domain.</summary>
    public static string Display(string domain) => IsDefault(domain) ? DefaultAlias : domain;

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> name the same domain.</summary>
    public static bool Same(string a, string b) => Canonical(a) == Canonical(b);
}
