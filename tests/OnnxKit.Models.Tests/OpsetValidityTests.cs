using OnnxKit.Checker;
using OnnxKit.Exporter;
using OnnxKit.Exporter.Export;
using OnnxKit.Schemas;

namespace OnnxKit.Models.Tests;

/// <summary>
/// Every zoo model exports at every supported opset, and every node it emits exists at that
/// opset with only the attributes and inputs the operator's schema allows (checked against
/// OpSchemaRegistry independently of the exporter), and OnnxKit's checker finds no error.
/// Weights over 2 GiB are streamed and never generated here, so even the 16 GiB BatchNorm
/// example is checked in milliseconds.
/// </summary>
public sealed class OpsetValidityTests
{
    public static TheoryData<string> Names => [.. ModelZoo.All.Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryNodeExistsAtEveryOpset(string name)
    {
        var model = ModelZoo.Create(name);
        for (int opset = OpsetSupport.MinOpset; opset <= OpsetSupport.MaxOpset; opset++)
        {
            var onnx = model.ToOnnx(new ExportOptions { Opset = opset });
            Assert.Equal(OpsetSupport.MinIrVersionForOpset(opset), onnx.IrVersion);
            var problems = SchemaConformance.Problems(onnx);
            Assert.True(problems.Count == 0, $"{name} at opset {opset}: {string.Join("; ", problems)}");
            var report = ModelChecker.Check(onnx);
            Assert.True(report.IsValid, $"{name} at opset {opset}: {report}");
        }
    }
}
