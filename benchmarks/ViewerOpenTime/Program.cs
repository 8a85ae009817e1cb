// Time to open the graph page of ResNet-style models of about 1,000 and 3,000 nodes in headless Chromium.
//
//   dotnet run -c Release --project benchmarks/ViewerOpenTime -- [runs]
//
// Chromium runs in real time (no virtual-time budget) and is driven over the DevTools protocol on
// loopback: open a tab on the page, wait until the page marks itself ready, then read the page's own
// figures: data-render-ms (navigation start to the graph drawn: JSON parse, layout, SVG) and
// data-layout-ms (dagre alone). Each run is a fresh tab; the median is reported.
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OnnxKit.Viewer;
using OnnxKit.Viewer.Tests.TestSupport;

int runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
string folder = Directory.CreateTempSubdirectory("onnxkit-viewer-open-").FullName;
using var browser = await Browser.StartAsync();
Console.WriteLine($"{"model",-12} {"nodes",6} {"page KiB",9} {"open ms (median)",17} {"layout ms",10} {"runs",5}");
foreach (int blocks in new[] { 100, 300 })
{
    var model = SyntheticModels.ResNetLike(blocks);
    string html = ViewerPage.Render(model, $"resnet{blocks}.onnx");
    string path = Path.Combine(folder, $"resnet{blocks}.html");
    File.WriteAllText(path, html);
    var open = new List<double>();
    var layout = new List<double>();
    for (int i = 0; i < runs; i++)
    {
        var (renderMs, layoutMs) = await browser.OpenAsync(new Uri(path).AbsoluteUri);
        open.Add(renderMs);
        layout.Add(layoutMs);
    }

    Console.WriteLine($"{"resnet" + blocks,-12} {model.Graph.Nodes.Count,6} {html.Length / 1024,9} {Median(open),17:0} {Median(layout),10:0} {runs,5}");
}

Directory.Delete(folder, recursive: true);

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

/// <summary>A headless Chromium and a DevTools-protocol connection to it.</summary>
internal sealed class Browser : IDisposable
{
    private readonly Process process;
    private readonly ClientWebSocket socket = new();
    private int nextId;

    private Browser(Process process) => this.process = process;

    public static async Task<Browser> StartAsync()
    {
        var start = new ProcessStartInfo("chromium") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1400,900", "--remote-debugging-port=0",
            "--user-data-dir=" + Directory.CreateTempSubdirectory("onnxkit-chromium-").FullName, "about:blank" })
        {
            start.ArgumentList.Add(a);
        }

        var browser = new Browser(Process.Start(start)!);
        string? line;
        while ((line = await browser.process.StandardError.ReadLineAsync()) is not null && !line.StartsWith("DevTools listening on ", StringComparison.Ordinal))
        {
        }

        await browser.socket.ConnectAsync(new Uri(line!["DevTools listening on ".Length..]), CancellationToken.None);
        return browser;
    }

    /// <summary>Opens <paramref name="url"/> in a new tab and returns the page's own render and layout times.</summary>
    public async Task<(double RenderMs, double LayoutMs)> OpenAsync(string url)
    {
        string target = (await SendAsync("Target.createTarget", new JsonObject { ["url"] = url }))["targetId"]!.GetValue<string>();
        string session = (await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target, ["flatten"] = true }))["sessionId"]!.GetValue<string>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            var result = await SendAsync("Runtime.evaluate", new JsonObject
            {
                ["expression"] = "document.body && document.body.dataset.ready === '1' ? document.body.dataset.renderMs + ' ' + document.body.dataset.layoutMs : ''",
            }, session);
            string value = result["result"]?["value"]?.GetValue<string>() ?? "";
            if (value.Length > 0)
            {
                await SendAsync("Target.closeTarget", new JsonObject { ["targetId"] = target });
                var parts = value.Split(' ');
                return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{url} did not become ready.");
    }

    private async Task<JsonNode> SendAsync(string method, JsonObject parameters, string? session = null)
    {
        int id = ++nextId;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (session is not null) message["sessionId"] = session;
        await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[1 << 16];
        while (true)
        {
            using var text = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                text.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);
            var reply = JsonNode.Parse(text.ToArray())!;
            if (reply["id"]?.GetValue<int>() != id) continue; // events and other replies
            if (reply["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
            return reply["result"]!;
        }
    }

    public void Dispose()
    {
        socket.Dispose();
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
