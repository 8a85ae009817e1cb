using System.CommandLine;
using OnnxKit.Viewer;
using OnnxKit.Viewer.Profiles;

namespace OnnxKit.Cli.Commands;

/// <summary><c>onnxkit view MODEL [-o FILE.html] [--diff OTHER.onnx] [--profile PROFILE.json]</c>: the graph as one self-contained HTML page.</summary>
internal static class ViewCommand
{
    public static Command Create()
    {
        var model = CliArguments.Model();
        var output = new Option<FileInfo?>("--output", "-o") { Description = "The HTML file to write (default: MODEL's name with .html, in the current folder)." };
        var diff = new Option<FileInfo?>("--diff") { Description = "A second model to compare with MODEL (e.g. its optimized form): shown side by side and overlaid, with added, removed and changed nodes marked." };
        var profile = new Option<FileInfo?>("--profile") { Description = "Per-node times to overlay: an ONNX Runtime profile (JSON trace) or a JSON object of node name → milliseconds." };
        var command = new Command("view", "Write an interactive graph page (one HTML file that opens offline): layered layout, search, node details, weight statistics, diff and profile overlays.")
        {
            model, output, diff, profile,
        };
        CommandAction.Set(command, parse =>
        {
            string path = CliArguments.ExistingFile(parse.GetRequiredValue(model));
            string? otherPath = parse.GetValue(diff) is { } d ? CliArguments.ExistingFile(d) : null;
            var options = new ViewerOptions
            {
                Timings = parse.GetValue(profile) is { } p ? NodeTimings.Load(CliArguments.ExistingFile(p)) : null,
            };
            string label = Path.GetFileName(path);
            string html = otherPath is null
                ? ViewerPage.Render(ViewedModel.Load(path), label, options)
                : ViewerPage.RenderDiff(ViewedModel.Load(path), label, ViewedModel.Load(otherPath), Path.GetFileName(otherPath), options);
            string target = parse.GetValue(output)?.FullName ?? Path.GetFullPath(DefaultName(path, otherPath));
            ViewerPage.Save(html, target);
            Console.Out.WriteLine($"Wrote {target} ({html.Length / 1024.0:0.0} KiB). Open it in any browser; it needs no network.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string DefaultName(string path, string? otherPath) =>
        otherPath is null
            ? Path.GetFileNameWithoutExtension(path) + ".html"
            : $"{Path.GetFileNameWithoutExtension(path)}-vs-{Path.GetFileNameWithoutExtension(otherPath)}.html";
}
