using System.Net;
using System.Text.RegularExpressions;

namespace OnnxKit.Viewer.Tests.TestSupport;

/// <summary>Reads what the tests need from a page's DOM as Chromium serialized it.</summary>
internal sealed partial class PageDom(string html)
{
    public string Html { get; } = html;

    /// <summary>The value of a <c>data-*</c> attribute of the body element, or null.</summary>
    public string? BodyData(string name)
    {
        var body = BodyTag().Match(Html);
        var attribute = Regex.Match(body.Value, $@"\sdata-{Regex.Escape(name)}=""([^""]*)""");
        return attribute.Success ? WebUtility.HtmlDecode(attribute.Groups[1].Value) : null;
    }

    /// <summary>The names (data-name) of every drawn node box, decoded.</summary>
    public IReadOnlyList<string> NodeNames() =>
        NodeTag().Matches(Html).Select(m => WebUtility.HtmlDecode(m.Groups["name"].Value)).ToList();

    /// <summary>The class attribute of each drawn node box, by its data-name.</summary>
    public ILookup<string, string> NodeClassesByName() =>
        NodeTag().Matches(Html).ToLookup(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => m.Groups["class"].Value);

    /// <summary>The side panel's HTML, or null when the panel is hidden.</summary>
    public string? Sidebar()
    {
        var match = Regex.Match(Html, @"<aside id=""sidebar""(?<attrs>[^>]*)>(?<body>.*?)</aside>", RegexOptions.Singleline);
        return match.Success && !match.Groups["attrs"].Value.Contains("hidden", StringComparison.Ordinal) ? match.Groups["body"].Value : null;
    }

    /// <summary>The text of the side panel with tags removed and entities decoded.</summary>
    public string? SidebarText() => Sidebar() is { } html ? WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")) : null;

    [GeneratedRegex(@"<body[^>]*>")]
    private static partial Regex BodyTag();

    [GeneratedRegex(@"<g class=""(?<class>node [^""]*)""[^>]*?data-name=""(?<name>[^""]*)""")]
    private static partial Regex NodeTag();
}
