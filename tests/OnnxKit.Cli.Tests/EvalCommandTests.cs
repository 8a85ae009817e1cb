using System.Text.Json;
using OnnxKit.Ir;
using OnnxKit.Serialization;
using OnnxKit.Serialization.NumPy;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Cli.Tests;

/// <summary>
/// <c>onnxkit eval</c> end to end on models whose scores are known exactly: a model that multiplies
/// its input by a constant vector, so the data's rows are the scores (times the weights).
/// </summary>
public sealed class EvalCommandTests : IDisposable
{
    private readonly TempFolder dir = new();

    /// <summary>scores = x · weights (element-wise), x: float[N, weights.Length].</summary>
    private string ScalingModel(string name, params float[] weights)
    {
        var graph = new Graph(name);
        var x = new Value("x", new TensorType(DataType.Float, new Shape(Dim.Named("N"), weights.Length)));
        graph.Inputs.Add(x);
        var w = graph.AddInitializer("w", DenseTensor.FromFloats(weights, [weights.Length], "w"));
        var mul = new Node("", "Mul", [x, w], ["scores"]);
        graph.Nodes.Add(mul);
        mul.Outputs[0].Type = new TensorType(DataType.Float, new Shape(Dim.Named("N"), weights.Length));
        graph.Outputs.Add(mul.Outputs[0]);
        string path = dir.File(name + ".onnx");
        OnnxFile.Save(new Model(graph, 8, [new OpsetImport("", 13)]), path);
        return path;
    }

    /// <summary>Six examples of three classes; rows are probabilities. Argmax: 0, 1, 2, 2, 0, 1; labels 0, 1, 2, 1, 1, 1 (4 of 6 right).</summary>
    private string Data(float[]? scores = null, long[]? labels = null)
    {
        scores ??= [0.7f, 0.2f, 0.1f, 0.1f, 0.8f, 0.1f, 0.2f, 0.2f, 0.6f, 0.3f, 0.3f, 0.4f, 0.5f, 0.45f, 0.05f, 0.2f, 0.5f, 0.3f];
        labels ??= [0, 1, 2, 1, 1, 1];
        string path = dir.File($"data{Guid.NewGuid():N}.npz");
        NpzFile.Write(path, [new("x", DenseTensor.FromFloats(scores, [scores.Length / 3, 3])), new("y", DenseTensor.FromInt64s(labels, [labels.Length]))]);
        return path;
    }

    [Fact]
    public void Json_report_has_the_documented_fields_with_hand_computed_values()
    {
        string model = ScalingModel("identity", 1, 1, 1);
        var result = InProcessCli.Run("eval", model, "--data", Data(), "--json", "-");
        Assert.True(result.ExitCode == 0, result.Error);

        using var json = JsonDocument.Parse(result.Output);
        var first = json.RootElement.GetProperty("models")[0];
        Assert.Equal(4.0 / 6, first.GetProperty("accuracy").GetDouble(), 12);
        Assert.Equal("[[1,0,0],[1,2,1],[0,0,1]]", first.GetProperty("confusionMatrix").GetRawText().Replace(" ", "").Replace("\n", "").Replace("\r", ""));
        var class1 = first.GetProperty("perClass")[1];
        Assert.Equal(1.0, class1.GetProperty("precision").GetDouble(), 12);  // both predicted 1 are 1
        Assert.Equal(0.5, class1.GetProperty("recall").GetDouble(), 12);     // 2 of 4
        Assert.Equal(2.0 / 3, class1.GetProperty("f1").GetDouble(), 12);
        // Class 1 scores 0.2, 0.8, 0.2, 0.3, 0.45, 0.5 with positives at 1, 3, 4, 5: every positive outranks both negatives → AUC 1.
        Assert.Equal(1.0, class1.GetProperty("auc").GetDouble(), 12);
        Assert.True(first.TryGetProperty("macroAuc", out var macro) && macro.ValueKind == JsonValueKind.Number);
        Assert.Equal(4.0 / 6, json.RootElement.GetProperty("models")[0].GetProperty("outputs")[0].GetProperty("classification").GetProperty("baseRate").GetDouble(), 12); // class 1 is 4 of 6
    }

    [Fact]
    public void Two_models_are_compared_with_changed_examples_and_mcnemar()
    {
        string baseline = ScalingModel("baseline", 1, 1, 1);
        string boosted = ScalingModel("boosted", 1, 2, 1); // doubling class 1 flips examples 0 (0.7 vs 0.4: stays), 4 (0.5 vs 0.9: → 1)
        string report = dir.File("report.html"), jsonPath = dir.File("report.json");
        var result = InProcessCli.Run("eval", baseline, boosted, "--data", Data(), "--json", jsonPath, "--report", report);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Against baseline.onnx", result.Output);

        using var json = JsonDocument.Parse(File.ReadAllText(jsonPath));
        var comparison = json.RootElement.GetProperty("comparisons")[0];
        // Boosted predicts 0, 1, 1(0.2,0.4,0.6 → 2 stays), ... computed: rows ×[1,2,1]: argmax 0, 1, 2, 1, 1, 1 → examples 3 and 4 change, both to right answers.
        Assert.Equal(2, comparison.GetProperty("changed").GetInt64());
        Assert.Equal(4.0 / 6, comparison.GetProperty("agreement").GetDouble(), 12);
        Assert.Equal(2.0 / 6, comparison.GetProperty("accuracyDelta").GetDouble(), 12);
        Assert.Equal([3L, 4L], comparison.GetProperty("changedExamples").EnumerateArray().Select(e => e.GetProperty("record").GetInt64()));
        Assert.Equal(0.5, comparison.GetProperty("mcNemar").GetProperty("exactPValue").GetDouble(), 12); // b = 0, c = 2: 2·(1/4)
        Assert.Contains("<svg class=\"plot\" data-kind=\"overlay-roc\"", File.ReadAllText(report));
    }

    [Fact]
    public void Nan_scores_fail_naming_the_model_and_record_and_write_nothing()
    {
        string model = ScalingModel("identity", 1, 1, 1);
        var scores = new float[18];
        Array.Fill(scores, 0.3f);
        scores[13] = float.NaN; // record 4
        string jsonPath = dir.File("out.json"), report = dir.File("out.html");
        File.WriteAllText(jsonPath, "old");

        var result = InProcessCli.Run("eval", model, "--data", Data(scores), "--json", jsonPath, "--report", report);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("identity.onnx", result.Error);
        Assert.Contains("NaN for record 4", result.Error);
        Assert.Equal("old", File.ReadAllText(jsonPath));
        Assert.False(File.Exists(report));
        Assert.DoesNotContain(Directory.GetFiles(dir.Path), f => f.Contains(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void A_label_outside_the_classes_fails_naming_the_file_and_record()
    {
        string data = Data(labels: [0, 1, 2, 7, 1, 1]);
        var result = InProcessCli.Run("eval", ScalingModel("identity", 1, 1, 1), "--data", data, "--json", dir.File("out.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{data}: record 3: label 7 is outside the model's 3 classes 0..2", result.Error);
        Assert.False(File.Exists(dir.File("out.json")));
    }

    [Fact]
    public void Data_of_the_wrong_shape_fails_naming_the_array_and_the_input()
    {
        var result = InProcessCli.Run("eval", ScalingModel("wide", 1, 1, 1, 1), "--data", Data());
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("array 'x' has records [3] but model input 'x' takes [4]", result.Error);
    }

    [Fact]
    public void An_empty_data_file_fails_naming_it()
    {
        string empty = dir.File("empty.npz");
        File.WriteAllBytes(empty, []);
        var result = InProcessCli.Run("eval", ScalingModel("identity", 1, 1, 1), "--data", empty);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{empty}: the file is empty.", result.Error);
    }

    [Fact]
    public void A_truncated_idx_file_fails_naming_the_file_and_record()
    {
        // Four 1×3 "images" whose pixels are the scores ×100; the file loses the last record's bytes.
        byte[] header = [0, 0, 8, 2, 0, 0, 0, 4, 0, 0, 0, 3];
        string images = dir.File("t-images-idx2-ubyte");
        File.WriteAllBytes(images, [.. header, 70, 20, 10, 10, 80, 10, 20, 20, 60, 30]);
        File.WriteAllBytes(dir.File("t-labels-idx1-ubyte"), [0, 0, 8, 1, 0, 0, 0, 4, 0, 1, 2, 1]);
        var result = InProcessCli.Run("eval", ScalingModel("identity", 1, 1, 1), "--data", images, "--scale", "1/100", "--batch-size", "2");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{images}: record 3: the file ends inside this record", result.Error);
    }

    [Fact]
    public void Any_spin_of_onnx_runtimes_threads_gives_the_same_report()
    {
        // eval's own short spin, no spin at all, and a long one (50 ms, about as long as ONNX Runtime's own): only the timing may differ.
        string model = ScalingModel("identity", 1, 1, 1);
        string data = Data();
        var reports = new[] { new string[0], ["--spin-us", "0"], ["--spin-us", "50000"] }
            .Select(spin => InProcessCli.Run(["eval", model, "--data", data, "--json", "-", .. spin]))
            .Select(r => { Assert.True(r.ExitCode == 0, r.Error); return WithoutTimes(r.Output); })
            .ToArray();
        Assert.Equal(reports[0], reports[1]);
        Assert.Equal(reports[0], reports[2]);
    }

    /// <summary>The JSON report without its timing fields (seconds), which differ from run to run.</summary>
    private static string WithoutTimes(string json) => System.Text.RegularExpressions.Regex.Replace(json, "\"[a-zA-Z]*[sS]econds\"\\s*:\\s*[0-9.eE+-]+", "");

    [Fact]
    public void Usage_errors_exit_2()
    {
        string model = ScalingModel("identity", 1, 1, 1);
        Assert.Equal(2, InProcessCli.Run("eval", model, "--data", "model.onnx").ExitCode);
        Assert.Equal(2, InProcessCli.Run("eval", model, "--data", Data(), "--scale", "one").ExitCode);
        Assert.Equal(2, InProcessCli.Run("eval", model, "--data", Data(), "--costs", "1,2").ExitCode);
        Assert.Equal(2, InProcessCli.Run("eval", model).ExitCode);
        var spin = InProcessCli.Run("eval", model, "--data", Data(), "--spin-us", "-1");
        Assert.Equal(2, spin.ExitCode);
        Assert.Contains("--spin-us -1 is out of range", spin.Error);
    }

    [Fact]
    public void Costs_give_the_cost_weighted_accuracy_in_the_table_json_and_page()
    {
        string model = ScalingModel("identity", 1, 1, 1);
        string page = dir.File("costs.html");
        // One-vs-rest cells summed over the three classes: a = 4 right, b = c = 2 wrong, d = 3·6 − 8 = 10.
        // Costs 1,5,2,0.5: 4 + 10 + 4 + 5 = 23 (23/6 per example). A right decision costs 1 + 2·0.5 = 2, a wrong one
        // 5 + 2 + 0.5 = 7.5: worst 6·7.5 = 45, best 6·2 = 12, so (45 − 23) / 33 = 66.67 %.
        var json = InProcessCli.Run("eval", model, "--data", Data(), "--costs", "1,5,2,0.5", "--json", "-");
        Assert.True(json.ExitCode == 0, json.Error);
        using var document = JsonDocument.Parse(json.Output);
        var cost = document.RootElement.GetProperty("models")[0].GetProperty("cost");
        Assert.Equal(23, cost.GetProperty("total").GetDouble(), 12);
        Assert.Equal(23.0 / 6, cost.GetProperty("perExample").GetDouble(), 12);
        Assert.Equal(22.0 / 33, cost.GetProperty("weightedAccuracy").GetDouble(), 12);

        var table = InProcessCli.Run("eval", model, "--data", Data(), "--costs", "1,5,2,0.5", "--report", page);
        Assert.True(table.ExitCode == 0, table.Error);
        Assert.Contains("23.0000", table.Output);  // total cost
        Assert.Contains("3.8333", table.Output);   // per example
        Assert.Contains("<td class=\"cost-weighted-accuracy\">66.67 %</td>", File.ReadAllText(page));
    }

    [Fact]
    public void Help_lists_shape_only_for_the_commands_that_generate_inputs()
    {
        Assert.DoesNotContain("--shape", InProcessCli.Run("eval", "--help").Output);
        foreach (var command in new[] { "run", "bench", "optimize" })
            Assert.Contains("--shape", InProcessCli.Run(command, "--help").Output);
    }

    [Fact]
    public void The_reference_backend_gives_the_same_accuracy()
    {
        string model = ScalingModel("identity", 1, 1, 1);
        var result = InProcessCli.Run("eval", model, "--data", Data(), "--backend", "reference", "--json", "-");
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(4.0 / 6, json.RootElement.GetProperty("models")[0].GetProperty("accuracy").GetDouble(), 12);
        Assert.Equal("reference", json.RootElement.GetProperty("models")[0].GetProperty("backend").GetString());
    }

    [Fact]
    public void Save_optimized_with_several_models_numbers_each_models_file()
    {
        string baseline = ScalingModel("baseline", 1, 1, 1), boosted = ScalingModel("boosted", 1, 2, 1);
        string optimized = dir.File("opt.onnx");
        var result = InProcessCli.Run("eval", baseline, boosted, "--data", Data(), "--save-optimized", optimized);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.False(File.Exists(optimized));
        // Each file holds its own model, as ONNX Runtime optimized it: the weights tell them apart.
        Assert.Equal([1f, 1f, 1f], Weights(dir.File("opt.1.onnx")));
        Assert.Equal([1f, 2f, 1f], Weights(dir.File("opt.2.onnx")));

        // One model keeps the path as given.
        result = InProcessCli.Run("eval", boosted, "--data", Data(), "--save-optimized", optimized);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal([1f, 2f, 1f], Weights(optimized));

        static float[] Weights(string path) => OnnxFile.Load(path).Graph.Initializers.Single(v => v.ConstValue!.ElementCount == 3).ConstValue!.ToArray<float>();
    }

    public void Dispose() => dir.Dispose();
}
