using System.Text.Json;
using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using OnnxKit.Reference.Conformance;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;
using static OnnxKit.Reference.Tests.TestGraphs;

namespace OnnxKit.Reference.Tests.Conformance;

public sealed class ConformanceRunnerTests
{
    /// <summary>Writes a case folder: the model and one data set with the given inputs and expected outputs.</summary>
    private static void WriteCase(string root, string name, Model model, ITensor[] inputs, ITensor[] outputs, string? dataJson = null)
    {
        string folder = Path.Combine(root, name);
        string data = Path.Combine(folder, "test_data_set_0");
        Directory.CreateDirectory(data);
        OnnxFile.Save(model, Path.Combine(folder, "model.onnx"));
        for (int i = 0; i < inputs.Length; i++) TensorProtoFile.Write(Path.Combine(data, $"input_{i}.pb"), inputs[i]);
        for (int i = 0; i < outputs.Length; i++) TensorProtoFile.Write(Path.Combine(data, $"output_{i}.pb"), outputs[i]);
        if (dataJson is not null) File.WriteAllText(Path.Combine(folder, "data.json"), dataJson);
    }

    private static Model Relu() => SingleNode("Relu", null, 14, [3]);

    private static ITensor Floats(params float[] values) => DenseTensor.FromFloats(values, [values.Length]);

    [Fact]
    public void ReportsPassedFailedAndSkippedCasesWithReasons()
    {
        using var root = new TempFolder();
        WriteCase(root.Path, "test_pass", Relu(), [Floats(-1, 0, 2)], [Floats(0, 0, 2)]);
        WriteCase(root.Path, "test_fail", Relu(), [Floats(-1, 0, 2)], [Floats(0, 0, 2.5f)]);
        var custom = Relu();
        custom.Graph.Nodes.First!.OpType = "NoSuchOp";
        WriteCase(root.Path, "test_skip", custom, [Floats(1, 2, 3)], [Floats(1, 2, 3)]);

        var report = new ConformanceRunner(new ReferenceBackend()).Run(root.Path);

        Assert.Equal((1, 1, 1), (report.Passed, report.Failed, report.Skipped));
        var failed = report.Results.Single(r => r.Name == "test_fail");
        Assert.Contains("expected 2.5, got 2", failed.Reason);
        Assert.Equal(0.5, failed.WorstAbsoluteError);
        var skipped = report.Results.Single(r => r.Name == "test_skip");
        Assert.Contains("NoSuchOp", skipped.Reason);
        Assert.Equal("reference: 1 passed, 1 failed, 1 skipped of 3 (33.3% passed)", report.Summary);
    }

    [Fact]
    public void ToleranceIsOnnxsDefaultUnlessTheCaseStatesItsOwn()
    {
        using var root = new TempFolder();
        // 2.003 vs 2: off by 1.5e-3 relative, above the default rtol of 1e-3.
        WriteCase(root.Path, "test_default", Relu(), [Floats(2.003f, 0, 0)], [Floats(2, 0, 0)]);
        WriteCase(root.Path, "test_loose", Relu(), [Floats(2.003f, 0, 0)], [Floats(2, 0, 0)], """{"rtol": 0.01, "atol": 1e-7}""");

        var report = new ConformanceRunner(new ReferenceBackend()).Run(root.Path);

        Assert.Equal(CaseStatus.Failed, report.Results.Single(r => r.Name == "test_default").Status);
        Assert.Equal(CaseStatus.Passed, report.Results.Single(r => r.Name == "test_loose").Status);
    }

    [Fact]
    public void CasesWithRandomOperatorsAreSkippedNotCompared()
    {
        using var root = new TempFolder();
        var model = SingleNode("RandomUniformLike", null, 22, [3]);
        WriteCase(root.Path, "test_random", model, [Floats(0, 0, 0)], [Floats(0.1f, 0.2f, 0.3f)]);

        var result = new ConformanceRunner(new ReferenceBackend()).Run(root.Path).Results.Single();

        Assert.Equal(CaseStatus.Skipped, result.Status);
        Assert.Contains("random", result.Reason);
    }

    [Fact]
    public void TheFailureTextAndTheJsonGiveTheSameWorstError()
    {
        using var root = new TempFolder();
        // Element 0 is off by 0.5, within rtol 1e-3 of 1000; element 1 by 2e-7, above atol 1e-7 near zero.
        WriteCase(root.Path, "test_near_zero", Relu(), [Floats(1000.5f, 2e-7f, 0)], [Floats(1000, 0, 0)]);
        var report = new ConformanceRunner(new ReferenceBackend()).Run(root.Path);
        report.WriteJson(root.File("report.json"));

        var failed = report.Results.Single();
        Assert.Equal(CaseStatus.Failed, failed.Status);
        using var json = JsonDocument.Parse(File.ReadAllText(root.File("report.json")));
        double worst = json.RootElement.GetProperty("cases")[0].GetProperty("worstAbsoluteError").GetDouble();
        Assert.Equal(0.5, worst);
        Assert.Contains($"largest absolute error {worst.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)}", failed.Reason);
        Assert.Contains("furthest out of tolerance at 1: expected 0, got", failed.Reason);
        Assert.DoesNotContain("element 0", failed.Reason);
    }

    [Fact]
    public void DropoutThatDropsElementsIsRandomAndDropoutWithRatioZeroIsCompared()
    {
        using var root = new TempFolder();
        var g = new GraphBuilder(13, "dropout");
        g.Output(g.Op("Dropout", [g.Input("x", 4), g.Input("r", DataType.Float), g.Input("t", DataType.Bool)]));
        var model = g.ToModel(10);
        ITensor Scalar(DataType type, byte[] bytes) => new DenseTensor(type, [], bytes);
        var data = Floats(1, 2, 3, 4);
        var on = Scalar(DataType.Bool, [1]);
        WriteCase(root.Path, "test_dropping", model, [data, DenseTensor.FromFloats([0.5f], []), on], [Floats(2, 0, 6, 0)]);
        WriteCase(root.Path, "test_ratio_zero", model, [data, DenseTensor.FromFloats([0f], []), on], [data]);
        WriteCase(root.Path, "test_inference", model, [data, DenseTensor.FromFloats([0.5f], []), Scalar(DataType.Bool, [0])], [data]);

        var report = new ConformanceRunner(new ReferenceBackend()).Run(root.Path);

        var dropping = report.Results.Single(r => r.Name == "test_dropping");
        Assert.Equal(CaseStatus.Skipped, dropping.Status);
        Assert.Contains("Dropout in training mode with ratio 0.5 drops random elements", dropping.Reason);
        Assert.Equal(CaseStatus.Passed, report.Results.Single(r => r.Name == "test_ratio_zero").Status);
        Assert.Equal(CaseStatus.Passed, report.Results.Single(r => r.Name == "test_inference").Status);
    }

    [Fact]
    public void TheJsonReportListsEveryCase()
    {
        using var root = new TempFolder();
        WriteCase(root.Path, "test_pass", Relu(), [Floats(-1, 0, 2)], [Floats(0, 0, 2)]);
        WriteCase(root.Path, "test_fail", Relu(), [Floats(-1, 0, 2)], [Floats(1, 0, 2)]);
        var report = new ConformanceRunner(new ReferenceBackend()).Run(root.Path);
        string path = root.File("report.json");

        report.WriteJson(path);

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(2, json.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("failed").GetInt32());
        var cases = json.RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(["test_fail", "test_pass"], cases.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal("failed", cases[0].GetProperty("status").GetString());
    }

    [Fact]
    public void ATensorOnlyBackendRunsTensorCasesAndSkipsSequenceCases()
    {
        using var root = new TempFolder();
        WriteCase(root.Path, "test_tensor", Relu(), [Floats(-1, 0, 2)], [Floats(0, 0, 2)]);
        var sequenceModel = SingleNode("SplitToSequence", null, 21, [3]);
        sequenceModel.Graph.Outputs[0].Type = new SequenceType(new TensorType(DataType.Float));
        WriteCase(root.Path, "test_sequence", sequenceModel, [Floats(1, 2, 3)], []);

        var report = new ConformanceRunner(new TensorsOnlyBackend()).Run(root.Path);

        Assert.Equal(CaseStatus.Passed, report.Results.Single(r => r.Name == "test_tensor").Status);
        var skipped = report.Results.Single(r => r.Name == "test_sequence");
        Assert.Equal(CaseStatus.Skipped, skipped.Status);
        Assert.Contains("tensors only", skipped.Reason);
    }

    /// <summary>The reference evaluator seen through tensors only, as ONNX Runtime's sessions are: it keeps the contract's default <c>RunValues</c>.</summary>
    private sealed class TensorsOnlyBackend : IBackend
    {
        public string Name => "tensors";

        public IModelBackend Prepare(Model model) => new TensorsOnly(new ReferenceModelBackend(model));

        public IModelBackend Open(string path) => new TensorsOnly(ReferenceModelBackend.Open(path));

        private sealed class TensorsOnly(IModelBackend inner) : IModelBackend
        {
            public string Name => "tensors";

            public IReadOnlyList<TensorSpec> Inputs => inner.Inputs;

            public IReadOnlyList<TensorSpec> Outputs => inner.Outputs;

            public IReadOnlyDictionary<string, ITensor> Run(IReadOnlyDictionary<string, ITensor> inputs, CancellationToken cancellationToken = default) =>
                inner.Run(inputs, cancellationToken);

            public void Dispose() => inner.Dispose();
        }
    }

    [Fact]
    public void AMissingFolderIsAClearError()
    {
        var error = Assert.Throws<OnnxKitException>(() => new ConformanceRunner(new ReferenceBackend()).Run("/nonexistent/cases"));
        Assert.Contains("/nonexistent/cases", error.Message);
    }
}
