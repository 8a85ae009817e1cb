using OnnxKit.Data;
using OnnxKit.Exporter.Scripting;

namespace OnnxKit.Training.Jobs;

/// <summary>What <c>onnxkit distill</c> does: train a student on one or more ONNX teachers' soft targets and the labels.</summary>
/// <param name="Teachers">The teacher ONNX files (several form an ensemble: their logits are averaged).</param>
/// <param name="Student">The student model.</param>
/// <param name="Recipe">Data, epochs, optimizer and the rest.</param>
/// <param name="Temperature">The temperature T of the soft targets and the soft term.</param>
/// <param name="Alpha">The weight α of the soft term.</param>
/// <param name="Output">The distilled student's ONNX file.</param>
/// <param name="Test">The data teacher, student and baseline are scored on; null: the validation data, or Fashion-MNIST's test split when training on Fashion-MNIST.</param>
/// <param name="Baseline">Also train the same student on the labels alone (same seed and recipe) and score it.</param>
/// <param name="WeightsOutput">Also write the student's weights as a .npz archive, or null.</param>
/// <param name="Opset">The opset of the written student.</param>
/// <param name="SoftTargets">
/// A .npz archive written by <c>onnxkit soft-targets</c> over the same training data: its
/// <c>logits</c> are used instead of running the teachers over the training data again (the
/// teachers still score the test data); null to run them.
/// </param>
public sealed record DistillRequest(IReadOnlyList<string> Teachers, ModelSource Student, TrainingRecipe Recipe, float Temperature, float Alpha,
    string Output, DataSpec? Test = null, bool Baseline = false, string? WeightsOutput = null, int Opset = 17, string? SoftTargets = null);
