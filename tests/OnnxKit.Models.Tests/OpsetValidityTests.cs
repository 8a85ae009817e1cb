using OnnxKit.Exporter;
using OnnxKit.Exporter.Export;
using OnnxKit.Schemas;

namespace OnnxKit.Models.Tests;

/// <summary>
/// Every zoo model exports at every supported opset, and every node it emits exists at that
/// opset with only the attributes and inputs the operator's schema allows (checked against
/// OpSchemaRegistry independently of the exporter). Weights are not generated: this is a
/// graph-only check, so even the 17 GB BatchNorm example takes milliseconds.
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
        }
    }
}
