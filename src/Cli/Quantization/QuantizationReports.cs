using OnnxKit.Cli.Rendering;
using OnnxKit.Optimizer.Quantization;
using OnnxKit.Optimizer.Quantization.Reporting;
using OnnxKit.Serialization;

namespace OnnxKit.Cli.Quantization;

/// <summary>Writes the accuracy debugger's report as HTML or JSON, chosen by the file's extension.</summary>
internal static class QuantizationReports
{
    public static void Write(string path, FileQuantizationReport result)
    {
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".json":
                JsonOutput.Write(path, result);
                break;
            case ".html" or ".htm":
                string html = QuantizationReportPage.Render(result.Quantization, Path.GetFileName(result.InputPath));
                AtomicFile.Write(path, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(html)));
                break;
            default:
                throw new UsageException($"--report '{path}': the report is written as .html or .json.");
        }
    }
}
