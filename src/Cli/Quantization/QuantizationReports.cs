using OnnxKit.Cli.Rendering;
using OnnxKit.Optimizer.Quantization;
using OnnxKit.Optimizer.Quantization.Reporting;
using OnnxKit.Serialization;

namespace OnnxKit.Cli.Quantization;

/// <summary>Writes the accuracy debugger's report as HTML or JSON, chosen by the file's extension.</summary>
internal static class QuantizationReports
{
    public static void Write(FileInfo report, FileQuantizationReport result)
    {
        if (Commands.QuantizeArguments.ReportFormat(report) == "json")
        {
            FrontEndReportJson.Write(report.FullName, result, FrontEndReportJson.Default.FileQuantizationReport);
            return;
        }
        string html = QuantizationReportPage.Render(result.Quantization, Path.GetFileName(result.InputPath));
        AtomicFile.Write(report.FullName, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(html)));
    }
}
