using OnnxKit.Checker;
using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Models;
using OnnxKit.OpsetTests.Models;
using OnnxKit.Optimizer.Conversion;
using OnnxKit.Runtime;
using OnnxKit.Serialization;
using Xunit.Abstractions;

namespace OnnxKit.OpsetTests;

/// <summary>
/// Every zoo model exported at opset 21, converted by <see cref="OpsetConverter"/> to each selected opset (7–28
/// unless <c>ONNXKIT_TEST_OPSETS</c> narrows them), passes OnnxKit's checker and gives on ONNX Runtime (its
/// optimizations off) the outputs of the model exported directly at that opset (rtol 1e-4, atol 1e-5, batch 2,
/// seeded input); the model converted down to 7 and then back up to 21 gives the outputs of the opset-21 export
/// and its operators, each as many times (Constant nodes aside; the expansions of Gelu, LayerNormalization, ... are
/// fused back; models with GreaterOrEqual or LessOrEqual, whose expansion is not, are compared by outputs only),
/// and converting it up once more changes no byte (idempotent). Every conversion must succeed where the exporter
/// writes the opset: the zoo uses only what has an exact equivalent at every opset.
/// </summary>
public sealed class ConversionMatrixTests(ITestOutputHelper output)
{
    private const int Source = 21, Bottom = 7;

    public static TheoryData<string> Names => [.. ZooCases.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void ConvertedModelsMatchTheDirectExportAtEachOpset(string name)
    {
        var network = ModelZoo.Create(name, ModelZoo.CompactOptions(name));
        var exported = ZooCases.Export(network, Source) ?? throw new InvalidOperationException($"{name} does not export at opset {Source}");
        var inputs = Inputs(exported);
        var failures = new List<string>();
        var cells = new List<string>();
        foreach (int opset in OpsetSelection.FromEnvironment().Append(Bottom).Distinct().Where(o => o != Source).Order())
        {
            if (ZooCases.Export(network, opset) is not { } direct) { cells.Add($"{opset}: not exported"); continue; }
            string? problem = Compare(Convert(exported, opset), direct, inputs);
            cells.Add($"{opset}: {problem ?? "✓"}");
            if (problem is not null) failures.Add($"{Source} → {opset}: {problem}");
        }

        var down = Convert(exported, Bottom);
        var back = Convert(down, Source);
        if (Compare(back, exported, inputs) is { } roundTrip) failures.Add($"{Source} → {Bottom} → {Source}: {roundTrip}");
        if (!exported.Graph.Nodes.Any(n => NotFusedBack.Contains(n.OpType)) && OpCounts(back) != OpCounts(exported)) failures.Add($"{Source} → {Bottom} → {Source} gives back {OpCounts(back)}, not {OpCounts(exported)}");
        if (!OnnxFile.ToBytes(Convert(back, Source + 1)).AsSpan().SequenceEqual(OnnxFile.ToBytes(Convert(Convert(down, Source + 1), Source + 1))))
            failures.Add($"converting {Bottom} → {Source + 1} in one or two steps gives different bytes");
        output.WriteLine($"{name}: {string.Join(", ", cells)}; {Source} → {Bottom} → {Source}: {(failures.Count == 0 ? "✓" : "✗")}; "
            + $"{exported.Graph.Nodes.Count} nodes at {Source}, {down.Graph.Nodes.Count} at {Bottom}, {back.Graph.Nodes.Count} back at {Source}");
        Assert.True(failures.Count == 0, $"{name}: {string.Join(" | ", failures)}");
    }

    /// <summary>Operators whose expansion below their opset has no fusion back (docs/convert.md): their models are only compared by outputs.</summary>
    private static readonly string[] NotFusedBack = ["GreaterOrEqual", "LessOrEqual"];

    /// <summary>
    /// The operators of the main graph with their counts, in name order ("Conv×2, Gelu×1"); Constant nodes (the
    /// exporter's axes and pads, attributes below the opsets that made them inputs, initializers on the way back) are left out.
    /// </summary>
    private static string OpCounts(Model model) =>
        string.Join(", ", model.Graph.Nodes.Where(n => n.OpType != "Constant").GroupBy(n => n.OpType).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}×{g.Count()}"));

    private static Model Convert(Model model, int opset) =>
        OnnxFile.Load(OnnxFile.ToBytes(OpsetConverter.Convert(model, new ConvertOptions { TargetOpset = opset }).Model));

    /// <summary>Null when <paramref name="converted"/> is valid and agrees with <paramref name="reference"/> on ONNX Runtime; otherwise the problem.</summary>
    private static string? Compare(Model converted, Model reference, SeededInput[] inputs)
    {
        if (ModelChecker.Check(converted) is { IsValid: false } report) return $"checker: {report.Problems.First(p => p.Severity == CheckSeverity.Error)}";
        var expected = MatrixRuns.Run(OnnxRuntimeBackend.AsWritten, reference, inputs);
        return MatrixRuns.Disagreement(expected, MatrixRuns.Run(OnnxRuntimeBackend.AsWritten, converted, inputs), Tolerance.Float32);
    }

    private static SeededInput[] Inputs(Model model) =>
        model.Graph.Inputs.Where(v => !model.Graph.Initializers.Contains(v.Name))
            .Select((input, i) => SeededInput.Create(input.Name, input.TensorType!.Shape!.Select(d => d.Value ?? 2).ToArray(), i)).ToArray();
}
