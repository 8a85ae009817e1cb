namespace OnnxKit.Training.Distillation;

/// <summary>What <c>onnxkit soft-targets</c> wrote.</summary>
/// <param name="Teacher">The teacher file.</param>
/// <param name="Data">The transfer set.</param>
/// <param name="Records">Records run.</param>
/// <param name="Classes">Classes per record.</param>
/// <param name="Temperature">The temperature applied here, or null when the teacher came prepared with its own.</param>
/// <param name="Arrays">The archive's arrays.</param>
/// <param name="Output">The archive's full path.</param>
/// <param name="Seconds">Wall-clock time.</param>
public sealed record SoftTargetsReport(string Teacher, string Data, long Records, long Classes, float? Temperature, IReadOnlyList<string> Arrays,
    string Output, double Seconds);
