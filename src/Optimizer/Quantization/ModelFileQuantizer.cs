using OnnxKit.Ir;
using OnnxKit.Serialization;

namespace OnnxKit.Optimizer.Quantization;

/// <summary>
/// Quantizes a model file into another: loads it, optionally runs the optimizer's passes first
/// (<c>optimize --int8</c>), quantizes with the caller's backend and data, and saves the result
/// atomically, only when it meets the budget. The input file and its external data are only read.
/// </summary>
public static class ModelFileQuantizer
{
    /// <summary>Runs <paramref name="request"/>, with the backend and data <paramref name="servicesFor"/> gives for the model to quantize.</summary>
    /// <exception cref="OnnxKitException">The paths collide, the model cannot be quantized, or the data does not fit.</exception>
    public static FileQuantizationReport Quantize(QuantizeFileRequest request, Func<Model, QuantizationServices> servicesFor)
    {
        string input = Path.GetFullPath(request.InputPath), output = Path.GetFullPath(request.OutputPath);
        var model = OnnxFile.Load(input);
        var dataFiles = ModelFileOptimizer.ExternalFiles(model, input);
        if (output == input || dataFiles.Contains(output) || dataFiles.Contains(output + ".data"))
            throw new OnnxKitException($"Writing '{request.OutputPath}' would overwrite the input model or its data; choose another output path.");
        OptimizationReport? optimization = null;
        var notes = new List<string>();
        if (request.Optimize is { } passes)
        {
            (var optimized, optimization) = ModelFileOptimizer.OptimizeLoaded(model, passes, notes);
            if (optimization.Verification is { Passed: false, NotRunBecause: null } failed)
                throw new OnnxKitException($"The optimizer's passes changed the outputs ({failed.Summary}); nothing was quantized or written.");
            model = optimized.Model;
        }
        var services = servicesFor(model);
        var result = ModelQuantizer.Quantize(model, request.Options, services);
        services.Cancellation.ThrowIfCancellationRequested(); // interrupted: the output is not written
        long inputBytes = new FileInfo(input).Length + dataFiles.Where(File.Exists).Sum(f => new FileInfo(f).Length);
        if (!result.Succeeded) return new FileQuantizationReport(input, output, inputBytes, 0, false, optimization, result.Report, notes);
        OnnxFile.Save(result.Model, output, new SaveOptions { Cancellation = services.Cancellation });
        long outputBytes = new FileInfo(output).Length + (File.Exists(output + ".data") ? new FileInfo(output + ".data").Length : 0);
        return new FileQuantizationReport(input, output, inputBytes, outputBytes, true, optimization, result.Report, notes);
    }

}
