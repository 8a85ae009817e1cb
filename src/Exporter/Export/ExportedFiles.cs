namespace OnnxKit.Exporter.Export;

/// <summary>The files an export wrote.</summary>
/// <param name="Model">The full path of the .onnx file.</param>
/// <param name="ExternalData">The full path of the external data file, or null when every weight is inline.</param>
public sealed record ExportedFiles(string Model, string? ExternalData);
