using System.Text.Json;
using System.Text.RegularExpressions;

namespace OnnxKit.Viewer.Tests.TestSupport;

/// <summary>A temporary folder of generated pages, deleted with the test class.</summary>
internal sealed partial class PageFiles : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("onnxkit-viewer-tests-").FullName;

    /// <summary>Writes <paramref name="html"/> as <paramref name="name"/> and returns its path.</summary>
    public string Write(string name, string html)
    {
        string path = Path.Combine(folder, name);
        ViewerPage.Save(html, path);
        return path;
    }

    /// <summary>The document embedded in a page, parsed.</summary>
    public static JsonDocument EmbeddedData(string html) =>
        JsonDocument.Parse(DataScript().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidDataException("The page has no model data."));

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [GeneratedRegex(@"<script type=""application/json"" id=""model-data"">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataScript();
}
