namespace OnnxKit.Training.Jobs;

/// <summary>What <c>onnxkit distill</c> did, with teacher, distilled student and baseline scored on the same test data by ONNX Runtime.</summary>
/// <param name="Teachers">The teacher files.</param>
/// <param name="Student">The student model's name.</param>
/// <param name="TeacherParameters">The teachers' parameter count (all members).</param>
/// <param name="StudentParameters">The student's parameter count.</param>
/// <param name="Temperature">T.</param>
/// <param name="Alpha">α.</param>
/// <param name="Test">The test data.</param>
/// <param name="TestExamples">Its number of examples.</param>
/// <param name="TeacherAccuracy">The teacher (ensemble mean of logits) top-1 accuracy.</param>
/// <param name="StudentAccuracy">The distilled student's accuracy (its exported ONNX model).</param>
/// <param name="BaselineAccuracy">The student trained on labels alone, or null without a baseline.</param>
/// <param name="StudentEpochs">The distilled student's per-epoch figures.</param>
/// <param name="BaselineEpochs">The baseline's per-epoch figures, or null.</param>
/// <param name="Output">The distilled student's file.</param>
/// <param name="WeightsOutput">Its weights archive, or null.</param>
/// <param name="Seconds">The wall time.</param>
public sealed record DistillReport(IReadOnlyList<string> Teachers, string Student, long TeacherParameters, long StudentParameters,
    float Temperature, float Alpha, string Test, int TestExamples, double TeacherAccuracy, double StudentAccuracy, double? BaselineAccuracy,
    IReadOnlyList<IReadOnlyDictionary<string, double>> StudentEpochs, IReadOnlyList<IReadOnlyDictionary<string, double>>? BaselineEpochs,
    string Output, string? WeightsOutput, double Seconds);
