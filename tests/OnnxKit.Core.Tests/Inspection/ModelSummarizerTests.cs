using OnnxKit.Inspection;
using OnnxKit.Ir;

namespace OnnxKit.Tests.Inspection;

public sealed class ModelSummarizerTests
{
    private static TensorType Floats(params object[] dims) =>
        new(DataType.Float, new Shape(dims.Select(d => d is string s ? Dim.Named(s) : Dim.Of(Convert.ToInt64(d, System.Globalization.CultureInfo.InvariantCulture)))));

    /// <summary>Appends a one-output node named <paramref name="name"/> whose output is <c>name:y</c>.</summary>
    private static Value Node(Graph graph, string op, string name, Value?[] inputs, TensorType type, OnnxKit.Ir.Attribute[]? attributes = null)
    {
        var output = new Value(name + ":y", type);
        graph.Nodes.Add(new Node("", op, inputs, [output], attributes, name));
        return output;
    }

    /// <summary>
    /// Keras's MNIST MLP (784 → Dense 64 → Dense 64 → Dense 10) as Gemm/Relu/Softmax nodes. Keras
    /// counts in·out + out parameters per Dense: 50,240 + 4,160 + 650 = 55,050.
    /// </summary>
    private static Model MnistMlp()
    {
        var graph = new Graph("model");
        var x = new Value("input_1", Floats("N", 784));
        graph.Inputs.Add(x);
        Value current = x;
        int inputs = 784;
        foreach (var (name, units, activation) in new[] { ("dense", 64, "Relu"), ("dense_1", 64, "Relu"), ("dense_2", 10, "Softmax") })
        {
            var w = graph.AddInitializer(name + ".kernel", DenseTensor.FromFloats(new float[inputs * units], [inputs, units]));
            var b = graph.AddInitializer(name + ".bias", DenseTensor.FromFloats(new float[units], [units]));
            current = Node(graph, activation, name + "_act", [Node(graph, "Gemm", name, [current, w, b], Floats("N", units))], Floats("N", units));
            inputs = units;
        }

        graph.Outputs.Add(current);
        return new Model(graph, 8, [new OpsetImport("", 17)]);
    }

    [Fact]
    public void NodeRowsCountParametersAsKerasDoes()
    {
        var summary = ModelSummarizer.Summarize(MnistMlp());

        Assert.Equal(55_050, summary.TotalParameters);
        Assert.Equal(55_050, summary.TrainableParameters);
        Assert.Equal(55_050 * 4, summary.ParameterBytes);
        Assert.Equal(0, summary.UnusedParameters);
        Assert.True(summary.SequentialLike);
        Assert.Equal(
            [("input_1", "Input", "(N, 784)", 0L), ("dense", "Gemm", "(N, 64)", 50_240L), ("dense_act", "Relu", "(N, 64)", 0L),
             ("dense_1", "Gemm", "(N, 64)", 4_160L), ("dense_1_act", "Relu", "(N, 64)", 0L), ("dense_2", "Gemm", "(N, 10)", 650L),
             ("dense_2_act", "Softmax", "(N, 10)", 0L)],
            summary.Rows.Select(r => (r.Name, r.Type, r.OutputShape, r.Parameters)));
    }

    [Fact]
    public void AWeightSharedByTwoSubgraphsCountsOnceOnTheirNodeAndAnUnreadOneAsUnused()
    {
        var graph = new Graph("branches");
        var x = new Value("x", Floats(4));
        var flag = new Value("flag", new TensorType(DataType.Bool, new Shape()));
        graph.Inputs.AddRange([x, flag]);
        var scale = graph.AddInitializer("scale", DenseTensor.FromFloats([2f, 3f, 4f, 5f], [4]));
        graph.AddInitializer("unread", DenseTensor.FromFloats([1f, 1f], [2]));
        var thenBranch = new Graph("then");
        thenBranch.Outputs.Add(Node(thenBranch, "Mul", "then_scale", [x, scale], Floats(4)));
        var elseBranch = new Graph("else");
        elseBranch.Outputs.Add(Node(elseBranch, "Add", "else_shift", [x, scale], Floats(4)));
        graph.Outputs.Add(Node(graph, "If", "choose", [flag], Floats(4),
            [OnnxKit.Ir.Attribute.Graph("then_branch", thenBranch), OnnxKit.Ir.Attribute.Graph("else_branch", elseBranch)]));

        var summary = ModelSummarizer.Summarize(new Model(graph, 8, [new OpsetImport("", 17)]));

        Assert.Equal(6, summary.TotalParameters);
        Assert.Equal(4, summary.Rows.Single(r => r.Name == "choose").Parameters);
        Assert.Equal(2, summary.UnusedParameters);
        string markdown = summary.ToMarkdown();
        Assert.Contains("| choose (If) | (4) | 4 |", markdown);
        Assert.Contains("Total params: 6 (24 B)", markdown);
        Assert.Contains("Unused params (read by no node): 2", markdown);
    }

    /// <summary>
    /// input → dense/MatMul, dense/Add (4·3 + 3 = 15 parameters) → bn/BatchNormalization (4·3: gamma
    /// and beta trained, mean and variance not) → flat/Reshape (an int64 shape: not a parameter).
    /// </summary>
    [Fact]
    public void LayerRowsGroupNodesByNameScopeWithKerasConventions()
    {
        var graph = new Graph("scoped");
        var x = new Value("x", Floats("batch", 4));
        graph.Inputs.Add(x);
        var w = graph.AddInitializer("dense/kernel", DenseTensor.FromFloats(new float[12], [4, 3]));
        var b = graph.AddInitializer("dense/bias", DenseTensor.FromFloats(new float[3], [3]));
        var stats = new[] { "gamma", "beta", "mean", "var" }.Select(n => graph.AddInitializer("bn/" + n, DenseTensor.FromFloats(new float[3], [3]))).ToArray();
        var shape = graph.AddInitializer("flat/shape", DenseTensor.FromInt64s([-1, 3], [2]));
        var dense = Node(graph, "Add", "dense/Add", [Node(graph, "MatMul", "dense/MatMul", [x, w], Floats("batch", 3)), b], Floats("batch", 3));
        var bn = Node(graph, "BatchNormalization", "bn/BatchNormalization", [dense, .. stats], Floats("batch", 3));
        graph.Outputs.Add(Node(graph, "Reshape", "flat/Reshape", [bn, shape], Floats("batch", 3)));

        var summary = ModelSummarizer.Summarize(new Model(graph, 8, [new OpsetImport("", 17)]), SummaryGrouping.Layers);

        Assert.Equal(
            [("x", "InputLayer", "[(None, 4)]", 0L, ""), ("dense", "MatMul+Add", "(None, 3)", 15L, "x[0][0]"),
             ("bn", "BatchNormalization", "(None, 3)", 12L, "dense[0][0]"), ("flat", "Reshape", "(None, 3)", 0L, "bn[0][0]")],
            summary.Rows.Select(r => (r.Name, r.Type, r.OutputShape, r.Parameters, string.Join(" ", r.ConnectedTo))));
        Assert.Equal(27, summary.TotalParameters);
        Assert.Equal(6, summary.NonTrainableParameters);
        Assert.True(summary.SequentialLike);
        Assert.Contains("Non-trainable params: 6\n", summary.Render());
    }

    [Fact]
    public void WeightsHeldInConstantNodesCountOnTheirFirstReader()
    {
        var summary = ModelSummarizer.Summarize(OnnxKit.Tests.TestSupport.TestModels.DenseWithConstantWeights());

        Assert.Equal(4 * 3 + 3, summary.TotalParameters);
        Assert.Equal(summary.TotalParameters, summary.ConstantNodeParameters);
        Assert.Equal(0, summary.UnusedParameters);
        Assert.Equal(12, summary.Rows.Single(r => r.Type == "MatMul").Parameters);
        Assert.Equal(3, summary.Rows.Single(r => r.Type == "Add").Parameters);
        Assert.All(summary.Rows.Where(r => r.Type == "Constant"), r => Assert.Equal(0, r.Parameters));
        Assert.Contains("Total params: 15 (60 B; all in Constant nodes)", summary.ToMarkdown());
    }
}
