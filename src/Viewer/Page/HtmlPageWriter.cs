using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OnnxKit.Viewer.Page;

/// <summary>
/// Fills the page template (an embedded resource) with the styles, the scripts (ours and the
/// vendored layout engine) and the document as JSON. The JSON is written with HTML-sensitive
/// characters escaped, so no model content can close the script element it sits in.
/// </summary>
internal static class HtmlPageWriter
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly Lazy<string> Template = new(() => Resource("page.html"));
    private static readonly Lazy<string> Styles = new(() => Resource("viewer.css"));
    private static readonly Lazy<string> Script = new(() => Resource("viewer.js"));
    private static readonly Lazy<string> LayoutEngine = new(() => Resource("dagre.min.js"));

    /// <summary>The complete page for <paramref name="document"/>.</summary>
    public static string Write(PageDocument document)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["title"] = WebUtility.HtmlEncode(document.Title),
            ["style"] = Styles.Value,
            ["dagre"] = LayoutEngine.Value,
            ["script"] = Script.Value,
            ["data"] = JsonSerializer.Serialize(document, JsonOptions),
        };

        // Split on the placeholders of the template only: inserted text is never scanned again.
        var page = new StringBuilder(values.Values.Sum(v => v.Length) + Template.Value.Length);
        string template = Template.Value;
        int position = 0;
        while (template.IndexOf("{{", position, StringComparison.Ordinal) is int open and >= 0)
        {
            int close = template.IndexOf("}}", open, StringComparison.Ordinal);
            page.Append(template, position, open - position);
            page.Append(values[template[(open + 2)..close]]);
            position = close + 2;
        }

        page.Append(template, position, template.Length - position);
        return page.ToString();
    }

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("OnnxKit.Viewer." + name)
            ?? throw new InvalidOperationException($"The viewer's resource '{name}' is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
