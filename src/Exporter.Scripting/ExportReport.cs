namespace OnnxKit.Exporter.Scripting;

/// <summary>What an export wrote.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Output">The .onnx file.</param>
/// <param name="ExternalData">The external data file, when weights went to one.</param>
/// <param name="Opset">The ai.onnx opset.</param>
/// <param name="IrVersion">The model's IR version.</param>
/// <param name="Parameters">Total scalar parameters.</param>
/// <param name="TrainableParameters">Trainable scalar parameters.</param>
/// <param name="Bytes">Bytes written (model plus external data).</param>
/// <param name="Seconds">Time taken.</param>
/// <param name="WeightsLoaded">Weights assigned from the weights file, if one was given.</param>
/// <param name="WeightsNotLoaded">Weights the weights file did not contain (generated from the seed).</param>
public sealed record ExportReport(string Model, string Output, string? ExternalData, int Opset, long IrVersion, long Parameters, long TrainableParameters,
    long Bytes, double Seconds, IReadOnlyList<string> WeightsLoaded, IReadOnlyList<string> WeightsNotLoaded);
