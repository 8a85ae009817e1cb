using OnnxKit.Ir;
using OnnxKit.Serialization;
using OnnxKit.ShapeInference;
using OnnxKit.Tests.TestSupport;
using Xunit.Abstractions;

namespace OnnxKit.Tests.ShapeInference;

/// <summary>
/// Cross-checks inference against ONNX's conformance models: every node output's type is erased,
/// the model is inferred again, and each graph output's type is compared with the one the model
/// declares and with the expected output tensor (output_K.pb) the ONNX reference produced. A
/// mismatch anywhere fails; so does coverage below the floors measured when this test was written.
/// </summary>
public sealed class BackendConformanceShapeTests(ITestOutputHelper output)
{
    [SharedDataFact(SharedData.BackendNodeFolder)]
    public void InferredOutputTypesMatchTheConformanceModels()
    {
        var tally = Tally.Run(bindTestInputs: false);
        output.WriteLine(tally.ToString());
        tally.AssertNoMismatch();
        // Floors as measured (1802 cases, 2226 outputs). Most outputs left without a static shape depend on
        // the values of graph inputs (a Reshape's target shape fed as an input, say), which no inference can know.
        Assert.True(tally.TypedOutputs >= 2211, $"typed outputs fell to {tally.TypedOutputs}");
        Assert.True(tally.StaticOutputs >= 1778, $"fully static outputs fell to {tally.StaticOutputs}");
        Assert.True(tally.StaticCases >= 1410, $"cases with every output static fell to {tally.StaticCases}");
    }

    /// <summary>
    /// The same with the test inputs bound as constant initializers, so the rules that read constant
    /// inputs (Reshape, Slice, Pad, Resize, TopK, ...) are checked against the reference's sizes too.
    /// </summary>
    [SharedDataFact(SharedData.BackendNodeFolder)]
    public void WithTestInputsAsConstantsInferredShapesMatchTheReference()
    {
        var tally = Tally.Run(bindTestInputs: true);
        output.WriteLine(tally.ToString());
        tally.AssertNoMismatch();
        // Floors as measured. What remains has data-dependent sizes (NonZero, Unique, NonMaxSuppression),
        // or operators without a shape rule (string, training and ai.onnx.ml operators).
        Assert.True(tally.StaticOutputs >= 2059, $"fully static outputs fell to {tally.StaticOutputs}");
        Assert.True(tally.StaticCases >= 1674, $"cases with every output static fell to {tally.StaticCases}");
    }

    private sealed class Tally
    {
        private readonly List<string> mismatches = [];
        private readonly List<string> diagnostics = [];
        private int cases, outputs;

        public int TypedOutputs { get; private set; }

        public int ShapedOutputs { get; private set; }

        public int StaticOutputs { get; private set; }

        public int StaticCases { get; private set; }

        public static Tally Run(bool bindTestInputs)
        {
            var tally = new Tally();
            var models = SharedData.BackendModels();
            Assert.True(models.Count > 1000, $"expected the full conformance set, found {models.Count} models");
            foreach (var path in models) tally.Check(path, bindTestInputs);
            return tally;
        }

        private void Check(string modelPath, bool bindTestInputs)
        {
            string folder = Path.GetDirectoryName(modelPath)!;
            string name = Path.GetFileName(folder);
            var model = OnnxFile.Load(modelPath);
            var declared = model.Graph.Outputs.Select(o => o.Type).ToList();
            if (bindTestInputs) BindTestInputs(model.Graph, folder);
            foreach (var graph in model.AllGraphs())
            {
                foreach (var node in graph.Nodes)
                {
                    foreach (var value in node.Outputs) value.Type = null;
                }
            }

            var report = ShapeInferer.Infer(model);
            cases++;
            diagnostics.AddRange(report.Diagnostics.Select(d => $"{name}: {d}"));
            bool allStatic = true;
            for (int i = 0; i < model.Graph.Outputs.Count; i++)
            {
                outputs++;
                var inferred = model.Graph.Outputs[i].Type;
                string expectedFile = Path.Combine(folder, "test_data_set_0", $"output_{i}.pb");
                var expected = declared[i] is TensorType && File.Exists(expectedFile) ? TensorProtoFile.Read(expectedFile) : null;
                if (Disagreement(inferred, declared[i], expected) is { } problem)
                    mismatches.Add($"{name} output {i}: inferred {inferred}, declared {declared[i]}, expected {expected?.DataType.OnnxName()}[{string.Join(",", expected?.Dims ?? [])}]: {problem}");
                if (inferred is not null) TypedOutputs++;
                var shape = (inferred as TensorType)?.Shape;
                if (shape is not null) ShapedOutputs++;
                if (shape is { IsStatic: true }) StaticOutputs++;
                else allStatic = false;
            }
            if (allStatic) StaticCases++;
        }

        /// <summary>Turns the graph inputs that have test data into initializers holding it.</summary>
        private static void BindTestInputs(Graph graph, string folder)
        {
            var inputs = graph.Inputs.Where(v => v.ConstValue is null).ToList();
            for (int k = 0; k < inputs.Count; k++)
            {
                string file = Path.Combine(folder, "test_data_set_0", $"input_{k}.pb");
                if (inputs[k].Type is not TensorType || !File.Exists(file)) continue;
                graph.Inputs.Remove(inputs[k]);
                inputs[k].ConstValue = TensorProtoFile.Read(file);
                graph.Initializers.Add(inputs[k]);
            }
        }

        /// <summary>Why the inferred type contradicts the declared type or the expected tensor; null when it does not.</summary>
        private static string? Disagreement(OnnxType? inferred, OnnxType? declared, ITensor? expected)
        {
            if (inferred is null) return null;
            if (declared is not null && declared.GetType() != inferred.GetType()) return "different kinds of type";
            if (inferred is not TensorType tensor) return null;
            if (declared is TensorType d)
            {
                if (d.ElementType != tensor.ElementType) return "element type differs from the declared one";
                if (Contradicts(tensor.Shape, d.Shape?.Select(dim => dim.Value).ToArray())) return "shape contradicts the declared one";
            }
            if (expected is not null)
            {
                if (expected.DataType != tensor.ElementType) return "element type differs from the expected tensor's";
                if (Contradicts(tensor.Shape, expected.Dims.Select(v => (long?)v).ToArray())) return "shape contradicts the expected tensor's";
            }
            return null;
        }

        private static bool Contradicts(Shape? inferred, long?[]? reference) =>
            inferred is not null && reference is not null
            && (inferred.Rank != reference.Length
                || inferred.Where((dim, k) => dim.Value is long v && reference[k] is long r && v != r).Any());

        public void AssertNoMismatch()
        {
            Assert.True(mismatches.Count == 0, $"{mismatches.Count} mismatches:\n{string.Join("\n", mismatches.Take(30))}");
            Assert.True(diagnostics.Count == 0, $"{diagnostics.Count} diagnostics on valid models:\n{string.Join("\n", diagnostics.Take(30))}");
        }

        public override string ToString() =>
            $"{cases} cases, {outputs} outputs: {TypedOutputs} typed, {ShapedOutputs} with a shape, {StaticOutputs} fully static; " +
            $"{StaticCases} cases with every output static; {mismatches.Count} mismatches, {diagnostics.Count} diagnostics";
    }
}
