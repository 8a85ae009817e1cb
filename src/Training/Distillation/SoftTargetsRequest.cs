using OnnxKit.Data;

namespace OnnxKit.Training.Distillation;

/// <summary>What <c>onnxkit soft-targets</c> does: run a teacher over a transfer set and save its logits and soft targets.</summary>
/// <param name="Teacher">The teacher ONNX file: prepared by distill-prep (its <c>soft_targets</c> output is used), or any classifier (prepared in memory at <paramref name="Temperature"/>).</param>
/// <param name="Data">The transfer set.</param>
/// <param name="Output">The .npz archive to write (atomically): arrays <c>logits</c> and <c>soft_targets</c>, [records, classes].</param>
/// <param name="Temperature">The temperature for a teacher not yet prepared; must be null for a prepared one (its temperature is fixed).</param>
/// <param name="BatchSize">Records per ONNX Runtime run.</param>
/// <param name="Scale">Multiplies input values; null: 1/255 for byte data (pixels), else 1.</param>
/// <param name="Limit">Use only the first N records, or null for all.</param>
public sealed record SoftTargetsRequest(string Teacher, DataSpec Data, string Output, float? Temperature = null, int BatchSize = 256,
    double? Scale = null, int? Limit = null);
