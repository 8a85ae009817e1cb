using OnnxKit.Checker;
using OnnxKit.Exporter.Export;
using OnnxKit.Models;
using OnnxKit.OpsetTests.Models;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;
using Xunit.Abstractions;

namespace OnnxKit.OpsetTests;

/// <summary>
/// Every zoo model, exported at every selected opset that ONNX 1.12 knows (up to 17), passes
/// ONNX's own checker with full checks (<c>onnx.checker.check_model(model, full_check=True)</c>,
/// which also runs ONNX's shape inference), and <c>onnxkit check</c> agrees. Models run at the
/// matrix's reduced sizes and are streamed to one Python process (<see cref="OnnxFullChecker"/>),
/// so nothing is written to disk. To fit CI time, models of five million parameters or more (the
/// VGGs, ResNets and GoogLeNet, 25–150 MB each) are checked at the opsets where the exporter's
/// forms change (7, 9, 11, 13 and 17); the smaller models, which use the same operators, are
/// checked at every opset.
/// </summary>
public sealed class OnnxCheckerTests(ITestOutputHelper output)
{
    /// <summary>The newest opset onnx 1.12 (Debian's python3-onnx) checks.</summary>
    private const int NewestCheckedOpset = 17;

    /// <summary>The oldest opset and those at which the exporter's forms change (BatchNormalization 9; Clip, Pad, Resize 11; Squeeze, Split, Softmax 13), up to 17.</summary>
    private static readonly int[] FormChanges = [7, 9, 11, 13, 17];

    [OnnxCheckerFact]
    public void EveryZooModelPassesOnnxFullCheckAndOnnxKitsChecker()
    {
        var onnxKitErrors = new List<string>();
        var verdicts = OnnxFullChecker.Check(Exports(onnxKitErrors));
        output.WriteLine($"{verdicts.Count(v => v.Value is null)} of {verdicts.Count} models passed onnx.checker.check_model(full_check=True)");
        var failures = verdicts.Where(v => v.Value is not null).Select(v => $"{v.Key}: {v.Value}").ToArray();
        Assert.True(failures.Length == 0, string.Join("\n", failures));
        Assert.True(onnxKitErrors.Count == 0, string.Join("\n", onnxKitErrors));
    }

    /// <summary>The exported models, named <c>zoo-name@opset</c>; OnnxKit's checker's errors on them go to <paramref name="onnxKitErrors"/>.</summary>
    private static IEnumerable<(string Name, byte[] Model)> Exports(List<string> onnxKitErrors)
    {
        foreach (string name in ZooCases.Names)
        {
            var model = ModelZoo.Create(name, ModelZoo.CompactOptions(name));
            bool large = model.ParameterCount >= 5_000_000;
            foreach (int opset in OpsetSelection.FromEnvironment().Where(o => o <= NewestCheckedOpset && (!large || FormChanges.Contains(o))))
            {
                var exported = model.ToOnnx(new ExportOptions { Opset = opset });
                var report = ModelChecker.Check(exported);
                if (!report.IsValid) onnxKitErrors.Add($"{name}@{opset}: {report}");
                yield return ($"{name}@{opset}", OnnxFile.ToBytes(exported));
            }
        }
    }
}
