using OnnxKit.Ir;
using OnnxKit.Optimizer.Distillation;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Optimizer.Tests.Distillation;

/// <summary>
/// distill-prep on ONNX Runtime: the exposed logits and soft targets equal the logits computed
/// from the weights in double precision and their temperature softmax; a merged ensemble equals
/// the (weighted) mean of its members run separately; bad teachers fail with a message naming
/// them and write nothing.
/// </summary>
public sealed class DistillPrepTests : IDisposable
{
    private const float Temperature = 3f;
    private readonly TempFolder dir = new();

    public void Dispose() => dir.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Logits_behind_a_final_softmax_are_exposed_and_soft_targets_are_their_temperature_softmax(bool gemmTeacher)
    {
        var teacher = gemmTeacher ? TeacherModels.GemmSoftmaxFlatten() : TeacherModels.MlpLogSoftmax();
        string path = TeacherModels.Save(teacher, dir.Path, "teacher.onnx");
        var report = DistillPrep.Run(new DistillPrepRequest([path], dir.File("prepared.onnx"), Temperature));
        string original = gemmTeacher ? "probabilities" : "log_probs";
        Assert.Equal([original, "logits", "soft_targets"], report.Outputs);

        var x = TeacherModels.Inputs();
        var outputs = TeacherModels.Run(OnnxFile.Load(report.Output), x);
        var expected = gemmTeacher ? TeacherModels.GemmLogits(x) : TeacherModels.MlpLogits(x);
        AssertClose(expected, outputs["logits"], 1e-5);
        AssertClose(TeacherModels.Softmax(expected, Temperature), outputs["soft_targets"], 1e-6);
        var probabilities = TeacherModels.Softmax(expected, 1);
        AssertClose(gemmTeacher ? probabilities : probabilities.Select(v => Math.Log(v)).ToArray(), outputs[original], 1e-5);
    }

    [Fact]
    public void Merged_ensemble_logits_are_the_weighted_mean_of_the_members_run_separately()
    {
        var x = TeacherModels.Inputs();
        var members = new[] { TeacherModels.GemmSoftmaxFlatten(opset: 13), TeacherModels.MlpLogSoftmax(opset: 17) };
        var separate = members.Select(m => TeacherModels.Run(DistillPrep.PrepareTeacher(m.Clone(), m.Graph.Name!, Temperature), x)["logits"]).ToArray();
        var paths = members.Select((m, i) => TeacherModels.Save(m, dir.Path, $"t{i}.onnx")).ToArray();
        var report = DistillPrep.Run(new DistillPrepRequest(paths, dir.File("ensemble.onnx"), Temperature, EnsembleCombine.Logits, [1, 3]));

        Assert.Equal(["teacher1/probabilities", "teacher2/log_probs", "logits", "soft_targets"], report.Outputs);
        Assert.Equal(17, report.Opset);
        var merged = OnnxFile.Load(report.Output);
        Assert.Single(merged.Graph.Inputs);
        Assert.Contains(merged.Graph.Initializers, i => i.Name == "teacher1/w");
        Assert.Contains(merged.Graph.Initializers, i => i.Name == "teacher2/h");
        var outputs = TeacherModels.Run(merged, x);
        var mean = separate[0].Zip(separate[1], (a, b) => 0.25 * a + 0.75 * b).ToArray();
        AssertClose(mean, outputs["logits"], 1e-5);
        AssertClose(TeacherModels.Softmax(mean, Temperature), outputs["soft_targets"], 1e-6);
        AssertClose(TeacherModels.Softmax(TeacherModels.GemmLogits(x), 1), outputs["teacher1/probabilities"], 1e-5);
    }

    [Fact]
    public void Merged_ensemble_probabilities_are_the_mean_of_the_members_temperature_softmaxes()
    {
        var x = TeacherModels.Inputs();
        var gemm = TeacherModels.GemmLogits(x);
        var mlp = TeacherModels.MlpLogits(x);
        var paths = new[] { TeacherModels.Save(TeacherModels.GemmSoftmaxFlatten(opset: 17), dir.Path, "a.onnx"), TeacherModels.Save(TeacherModels.MlpLogSoftmax(), dir.Path, "b.onnx") };
        var report = DistillPrep.Run(new DistillPrepRequest(paths, dir.File("ensemble.onnx"), Temperature, EnsembleCombine.Probabilities, Expose: ["teacher2/relu"]));

        var outputs = TeacherModels.Run(OnnxFile.Load(report.Output), x);
        var soft = TeacherModels.Softmax(gemm, Temperature).Zip(TeacherModels.Softmax(mlp, Temperature), (a, b) => (a + b) / 2).ToArray();
        AssertClose(soft, outputs["soft_targets"], 1e-6);
        var meanProbability = TeacherModels.Softmax(gemm, 1).Zip(TeacherModels.Softmax(mlp, 1), (a, b) => (a + b) / 2).ToArray();
        AssertClose(meanProbability, TeacherModels.Softmax(outputs["logits"].Select(v => (double)v).ToArray(), 1).Select(v => (float)v).ToArray(), 1e-6);
        Assert.Equal(8 * 5, outputs["teacher2/relu"].Length);
    }

    [Fact]
    public void A_teacher_without_a_classifier_head_is_named_and_nothing_is_written()
    {
        string path = TeacherModels.Save(TeacherModels.Regressor(), dir.Path, "regressor.onnx");
        string output = dir.File("out.onnx");
        var error = Assert.Throws<OnnxKitException>(() => DistillPrep.Run(new DistillPrepRequest([path], output, Temperature)));
        Assert.Contains("'regressor.onnx' has no classifier head", error.Message);
        Assert.Contains("'y'", error.Message);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(dir.Path, "out.onnx*"));
    }

    [Fact]
    public void Teachers_with_different_inputs_are_refused_naming_both()
    {
        var paths = new[] { TeacherModels.Save(TeacherModels.GemmSoftmaxFlatten(), dir.Path, "four.onnx"), TeacherModels.Save(TeacherModels.GemmSoftmaxFlatten(features: 5), dir.Path, "five.onnx") };
        string output = dir.File("out.onnx");
        var error = Assert.Throws<OnnxKitException>(() => DistillPrep.Run(new DistillPrepRequest(paths, output, Temperature)));
        Assert.Contains("'four.onnx' takes 'x' tensor(float)[N,4]", error.Message);
        Assert.Contains("'five.onnx' takes 'x' tensor(float)[N,5]", error.Message);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_member_at_an_older_opset_is_converted_and_the_merge_equals_the_weights_logits()
    {
        // Opset 11 to 17 carries Gemm, Softmax (its axis semantics changed at 13) and Flatten through convert's adapters.
        var x = TeacherModels.Inputs();
        var paths = new[] { TeacherModels.Save(TeacherModels.GemmSoftmaxFlatten(opset: 11), dir.Path, "old.onnx"), TeacherModels.Save(TeacherModels.MlpLogSoftmax(opset: 17), dir.Path, "new.onnx") };
        var report = DistillPrep.Run(new DistillPrepRequest(paths, dir.File("ensemble.onnx"), Temperature));
        Assert.Equal(17, report.Opset);
        var merged = OnnxFile.Load(report.Output);
        Assert.Equal(17, merged.OpsetVersion(""));
        var outputs = TeacherModels.Run(merged, x);
        var mean = TeacherModels.GemmLogits(x).Zip(TeacherModels.MlpLogits(x), (a, b) => (a + b) / 2).ToArray();
        AssertClose(mean, outputs["logits"], 1e-5);
        AssertClose(TeacherModels.Softmax(TeacherModels.GemmLogits(x), 1), outputs["teacher1/probabilities"], 1e-5);
    }

    [Fact]
    public void A_member_that_cannot_be_converted_is_refused_naming_the_node_and_nothing_is_written()
    {
        var odd = TeacherModels.GemmSoftmaxFlatten(opset: 11);
        odd.Graph.Nodes.Add(new Node("", "NoSuchOp", [odd.Graph.Inputs[0]], ["unused"], name: "odd_node"));
        var paths = new[] { TeacherModels.Save(odd, dir.Path, "odd.onnx"), TeacherModels.Save(TeacherModels.MlpLogSoftmax(opset: 17), dir.Path, "new.onnx") };
        string output = dir.File("out.onnx");
        var error = Assert.Throws<OnnxKitException>(() => DistillPrep.Run(new DistillPrepRequest(paths, output, Temperature)));
        Assert.Contains("Cannot merge 'odd.onnx' (opset 11) with opset 17", error.Message);
        Assert.Contains("'odd_node' cannot be converted from opset 11 to opset 17: ai.onnx has no operator NoSuchOp", error.Message);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_teacher_older_than_opset_7_is_refused_naming_its_opset()
    {
        string path = TeacherModels.Save(TeacherModels.GemmSoftmaxFlatten(opset: 6), dir.Path, "old.onnx");
        var error = Assert.Throws<OnnxKitException>(() => DistillPrep.Run(new DistillPrepRequest([path], dir.File("out.onnx"), Temperature)));
        Assert.Contains("'old.onnx' imports ai.onnx opset 6; distillation prep needs opset 7 or newer", error.Message);
    }

    [Fact]
    public void The_prep_passes_are_listed_but_in_no_levels_pipeline()
    {
        var registry = PassRegistry.Default;
        Assert.Contains(registry.Passes, p => p.Name == "expose-logits" && p.Level == PassLevel.Explicit);
        Assert.Contains(registry.Passes, p => p.Name == "add-soft-targets" && p.Level == PassLevel.Explicit);
        Assert.DoesNotContain("add-soft-targets", Pipeline.ForLevel(PassLevel.All, registry).Passes);
        var model = TeacherModels.GemmSoftmaxFlatten();
        Assert.True(registry.Create("add-soft-targets").Run(model, new PassContext()).Modified);
        Assert.False(registry.Create("add-soft-targets").Run(model, new PassContext()).Modified);
        Assert.Equal(["probabilities", "logits", "soft_targets"], model.Graph.Outputs.Select(o => o.Name));
    }

    private static void AssertClose(double[] expected, float[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])), $"element {i}: expected {expected[i]}, got {actual[i]}");
    }
}
