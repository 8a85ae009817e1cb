using System.Diagnostics;

namespace OnnxKit.Viewer.Tests.TestSupport;

/// <summary>
/// Drives headless Chromium (Debian's <c>chromium</c> package) from tests: loads a page, lets its
/// script run (with a virtual-time budget, so timers fire), and returns the resulting DOM or a
/// screenshot. Interactions go through the page's URL fragment (<c>#search=...&amp;pick=0</c>),
/// which the page applies by dispatching the same events a user's clicks and typing would.
/// </summary>
internal static class Chromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>The browser executable on PATH, or null when none is installed.</summary>
    public static string? Executable { get; } = Find();

    /// <summary>The DOM after the page's script has run, serialized as HTML.</summary>
    public static string DumpDom(string htmlPath, string fragment = "", int width = 1400, int height = 900) =>
        Run(htmlPath, fragment, width, height, "--dump-dom", out _);

    /// <summary>A PNG screenshot of the page after its script has run.</summary>
    public static byte[] Screenshot(string htmlPath, string fragment = "", int width = 1400, int height = 900)
    {
        string png = Path.Combine(Path.GetTempPath(), $"onnxkit-shot-{Guid.NewGuid():N}.png");
        try
        {
            Run(htmlPath, fragment, width, height, "--screenshot=" + png, out _);
            return File.ReadAllBytes(png);
        }
        finally
        {
            File.Delete(png);
        }
    }

    private static string Run(string htmlPath, string fragment, int width, int height, string action, out TimeSpan elapsed)
    {
        string profile = Path.Combine(Path.GetTempPath(), $"onnxkit-chromium-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("Chromium is not installed."))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--mute-audio",
            "--user-data-dir=" + profile, $"--window-size={width},{height}", "--virtual-time-budget=60000", action,
            new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri + (fragment.Length > 0 ? "#" + fragment : ""),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Chromium did not finish {htmlPath} within {Timeout}.");
            }

            elapsed = clock.Elapsed;
            if (process.ExitCode != 0) throw new InvalidOperationException($"Chromium exited with {process.ExitCode}: {stderr.Result}");
            return stdout.Result;
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // The browser may still be releasing its profile; it lies in the temp folder.
            }
        }
    }

    private static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
        {
            foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                string candidate = Path.Combine(folder, name);
                if (File.Exists(candidate)) return candidate;
            }
        }

        return null;
    }
}
