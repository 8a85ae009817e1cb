using System.Diagnostics;
using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Runtime.Tensors;
using OnnxKit.Serialization;

namespace OnnxKit.Runtime.Running;

/// <summary>
/// Runs a model once on any backend: reads the given input files, generates seeded random
/// tensors for the rest, writes each output as <c>&lt;output name&gt;.npy</c> (or <c>.pb</c>)
/// and summarizes everything.
/// </summary>
public static class ModelRunner
{
    /// <summary>Runs <paramref name="backend"/> as <paramref name="request"/> says.</summary>
    public static RunReport Run(IModelBackend backend, RunRequest request, CancellationToken cancellationToken = default)
    {
        if (request.OutputDirectory is { } target && File.Exists(target))
            throw new OnnxKitException($"Output folder '{target}' is a file, not a folder.");
        var notes = new List<string>();
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        var inputs = InputArguments.Read(request.Inputs, request.ModelName, backend.Inputs, request.Shapes, request.Limits, origins);
        request.Shapes.CheckNames(backend.Inputs);
        var missing = backend.Inputs.Where(s => !inputs.ContainsKey(s.Name)).ToArray();
        foreach (var (name, tensor) in RandomTensors.ForInputs(missing, request.Shapes, request.Seed, notes, request.Limits))
        {
            inputs[name] = tensor;
            origins[name] = $"random (seed {request.Seed})";
        }

        var clock = Stopwatch.StartNew();
        var outputs = backend.Run(inputs, cancellationToken);
        double milliseconds = clock.Elapsed.TotalMilliseconds;

        if (request.OutputDirectory is { } directory) Directory.CreateDirectory(directory);
        var outputValues = backend.Outputs.Select(spec =>
        {
            var tensor = outputs[spec.Name];
            string? file = request.OutputDirectory is { } dir ? TensorFiles.Write(dir, spec.Name, tensor, request.OutputFormat) : null;
            return new RunValue(TensorSummary.Of(spec.Name, tensor, request.TopK), file);
        }).ToArray();
        var inputValues = backend.Inputs.Where(s => inputs.ContainsKey(s.Name))
            .Select(s => new RunValue(TensorSummary.Of(s.Name, inputs[s.Name], 0), origins[s.Name])).ToArray();
        return new RunReport(backend.Name, inputValues, outputValues, notes, milliseconds);
    }
}
