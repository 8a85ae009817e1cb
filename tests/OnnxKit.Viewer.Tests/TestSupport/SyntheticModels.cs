using OnnxKit.Ir;

namespace OnnxKit.Viewer.Tests.TestSupport;

/// <summary>Models built in code for the viewer's tests and its open-time measurement.</summary>
internal static class SyntheticModels
{
    /// <summary>
    /// A ResNet-style network: a stem convolution, then <paramref name="blocks"/> bottleneck blocks
    /// (three Conv → BatchNormalization → Relu stages and a residual Add + Relu: 11 nodes each), then
    /// global pooling, Flatten and Gemm. Every value carries its type and shape (batch is the symbol N).
    /// Weights are small deterministic pseudo-random tensors. With <paramref name="foldBatchNorm"/>, the
    /// network is what an optimizer makes of it: no BatchNormalization nodes, each Conv with a bias and
    /// different weights (as if the normalization had been folded in).
    /// </summary>
    public static Model ResNetLike(int blocks, int channels = 16, int spatial = 28, bool foldBatchNorm = false)
    {
        var graph = new Graph("resnet_like");
        var random = new Random(1234);
        var x = new Value("image", Tensor(DataType.Float, "N", 3, spatial, spatial));
        graph.Inputs.Add(x);

        Value current = ConvBnRelu(graph, random, "stem", x, 3, channels, spatial, relu: true, foldBatchNorm);
        for (int b = 0; b < blocks; b++)
        {
            string p = $"block{b}";
            var a = ConvBnRelu(graph, random, p + "_a", current, channels, channels / 2, spatial, relu: true, foldBatchNorm);
            var m = ConvBnRelu(graph, random, p + "_b", a, channels / 2, channels / 2, spatial, relu: true, foldBatchNorm);
            var c = ConvBnRelu(graph, random, p + "_c", m, channels / 2, channels, spatial, relu: false, foldBatchNorm);
            var sum = Add(graph, "Add", p + "_add", [current, c], Tensor(DataType.Float, "N", channels, spatial, spatial));
            current = Add(graph, "Relu", p + "_out", [sum], Tensor(DataType.Float, "N", channels, spatial, spatial));
        }

        var pooled = Add(graph, "GlobalAveragePool", "pool", [current], Tensor(DataType.Float, "N", channels, 1, 1));
        var flat = Add(graph, "Flatten", "flatten", [pooled], Tensor(DataType.Float, "N", channels));
        var w = graph.AddInitializer("fc.weight", RandomFloats(random, 10, channels));
        var bias = graph.AddInitializer("fc.bias", RandomFloats(random, 10));
        var logits = Add(graph, "Gemm", "fc", [flat, w, bias], Tensor(DataType.Float, "N", 10), [Ir.Attribute.Int("transB", 1)]);
        graph.Outputs.Add(logits);
        return new Model(graph, 8, [new OpsetImport("", 17)]) { ProducerName = "OnnxKit tests" };
    }

    /// <summary>
    /// A model with control flow: an If whose branches compute different things, feeding a Loop whose
    /// body reads a value of the main graph. Nodes: main 4 (Greater, If, Loop, Identity), then 1, else 2, body 3.
    /// </summary>
    public static Model WithControlFlow()
    {
        var graph = new Graph("control_flow");
        var x = new Value("x", Tensor(DataType.Float, 4));
        var limit = new Value("limit", Tensor(DataType.Float));
        var trips = new Value("trips", Tensor(DataType.Int64));
        graph.Inputs.AddRange([x, limit, trips]);
        var scale = graph.AddInitializer("scale", DenseTensor.FromFloats([2f, 3f, 4f, 5f], [4]));

        var cond = Add(graph, "Greater", "is_big", [limit, x], Tensor(DataType.Bool, 4));
        var anyBig = Add(graph, "ReduceMax", "any_big", [cond], Tensor(DataType.Bool));

        var thenBranch = new Graph("then_graph");
        var doubled = Add(thenBranch, "Mul", "then_scale", [x, scale], Tensor(DataType.Float, 4));
        thenBranch.Outputs.Add(doubled);
        var elseBranch = new Graph("else_graph");
        var negated = Add(elseBranch, "Neg", "else_neg", [x], Tensor(DataType.Float, 4));
        var shifted = Add(elseBranch, "Add", "else_shift", [negated, scale], Tensor(DataType.Float, 4));
        elseBranch.Outputs.Add(shifted);
        var chosen = Add(graph, "If", "choose", [anyBig], Tensor(DataType.Float, 4),
            [Ir.Attribute.Graph("then_branch", thenBranch), Ir.Attribute.Graph("else_branch", elseBranch)]);

        var body = new Graph("loop_body");
        var iteration = new Value("i", Tensor(DataType.Int64));
        var condIn = new Value("cond_in", Tensor(DataType.Bool));
        var accIn = new Value("acc_in", Tensor(DataType.Float, 4));
        body.Inputs.AddRange([iteration, condIn, accIn]);
        var condOut = Add(body, "Identity", "keep_going", [condIn], Tensor(DataType.Bool));
        var stepped = Add(body, "Add", "accumulate", [accIn, chosen], Tensor(DataType.Float, 4));
        var accOut = Add(body, "Relu", "clamp", [stepped], Tensor(DataType.Float, 4));
        body.Outputs.AddRange([condOut, accOut]);
        var loopCond = new Value("loop_cond", Tensor(DataType.Bool));
        graph.Inputs.Add(loopCond);
        var final = Add(graph, "Loop", "repeat", [trips, loopCond, x], Tensor(DataType.Float, 4), [Ir.Attribute.Graph("body", body)]);
        var y = Add(graph, "Identity", "result", [final], Tensor(DataType.Float, 4));
        graph.Outputs.Add(y);
        return new Model(graph, 8, [new OpsetImport("", 17)]);
    }

    /// <summary>
    /// Weights held in <c>Constant</c> nodes, as PaddlePaddle's and PyTorch's exporters write them:
    /// y = If(any(x > 0)) then MatMul(x, W)·s + b else MatMul(x, W) − b, where W is a Constant node of
    /// the main graph and s, b Constant nodes inside the branches. As in Silero VAD's subgraphs, some
    /// values carry no type, or a type record with no kind set (<see cref="UndefinedType"/>).
    /// </summary>
    public static Model WithConstantWeights()
    {
        var graph = new Graph("constant_weights");
        var x = new Value("x", Tensor(DataType.Float, 1, 4));
        graph.Inputs.Add(x);
        var w = Constant(graph, "weight", DenseTensor.FromFloats(Enumerable.Range(0, 12).Select(i => i * 0.1f).ToArray(), [4, 3]));
        var product = Add(graph, "MatMul", "project", [x, w], Tensor(DataType.Float, 1, 3));
        var positive = Add(graph, "Greater", "positive", [x, Constant(graph, "zero", DenseTensor.FromFloats([0f], []))], Tensor(DataType.Bool, 1, 4));
        var any = Add(graph, "ReduceMax", "any_positive", [positive], Tensor(DataType.Bool));

        var thenBranch = new Graph("then_graph");
        var scaled = Add(thenBranch, "Mul", "then_scale", [product, Constant(thenBranch, "then_s", DenseTensor.FromFloats([2f, 2f, 2f], [3]), typed: false)], new UndefinedType());
        thenBranch.Outputs.Add(Add(thenBranch, "Add", "then_bias", [scaled, Constant(thenBranch, "then_b", DenseTensor.FromFloats([1f, 2f, 3f], [3]), typed: false)], Tensor(DataType.Float, 1, 3)));
        var elseBranch = new Graph("else_graph");
        elseBranch.Outputs.Add(Add(elseBranch, "Sub", "else_bias", [product, Constant(elseBranch, "else_b", DenseTensor.FromFloats([1f, 2f, 3f], [3]), typed: false)], Tensor(DataType.Float, 1, 3)));
        var chosen = Add(graph, "If", "choose", [any], Tensor(DataType.Float, 1, 3),
            [Ir.Attribute.Graph("then_branch", thenBranch), Ir.Attribute.Graph("else_branch", elseBranch)]);
        graph.Outputs.Add(chosen);
        return new Model(graph, 8, [new OpsetImport("", 17)]);
    }

    /// <summary>A Constant node holding <paramref name="value"/>; its output is typed unless <paramref name="typed"/> is false.</summary>
    private static Value Constant(Graph graph, string name, DenseTensor value, bool typed = true) =>
        Add(graph, "Constant", name, [], typed ? new TensorType(value.DataType, Shape.Of(value.Dims.ToArray())) : null, [Ir.Attribute.Tensor("value", value)]);

    /// <summary>A tensor type with the given element type and dims (ints are sizes, strings symbols).</summary>
    public static TensorType Tensor(DataType type, params object[] dims) =>
        new(type, new Shape(dims.Select(d => d is string s ? Dim.Named(s) : Dim.Of(Convert.ToInt64(d, System.Globalization.CultureInfo.InvariantCulture)))));

    /// <summary>Appends a single-output node named <paramref name="name"/> whose output is <c>name + "_y"</c>.</summary>
    public static Value Add(Graph graph, string op, string name, Value?[] inputs, OnnxType? type, Ir.Attribute[]? attributes = null)
    {
        var output = new Value(name + "_y", type);
        graph.Nodes.Add(new Node("", op, inputs, [output], attributes, name));
        return output;
    }

    private static Value ConvBnRelu(Graph graph, Random random, string name, Value input, int inChannels, int outChannels, int spatial, bool relu, bool foldBatchNorm)
    {
        var w = graph.AddInitializer(name + ".weight", RandomFloats(random, outChannels, inChannels, 3, 3));
        Value?[] convInputs = foldBatchNorm ? [input, w, graph.AddInitializer(name + ".bias", RandomFloats(random, outChannels))] : [input, w];
        var conv = Add(graph, "Conv", name + "_conv", convInputs, Tensor(DataType.Float, "N", outChannels, spatial, spatial),
            [Ir.Attribute.Ints("kernel_shape", [3, 3]), Ir.Attribute.Ints("pads", [1, 1, 1, 1])]);
        if (foldBatchNorm) return relu ? Add(graph, "Relu", name + "_relu", [conv], Tensor(DataType.Float, "N", outChannels, spatial, spatial)) : conv;
        string[] parts = ["gamma", "beta", "mean", "var"];
        var bn = new Value?[] { conv }.Concat(parts.Select(k => (Value?)graph.AddInitializer($"{name}.bn.{k}",
            k == "var" ? DenseTensor.FromFloats(Enumerable.Repeat(1f, outChannels).ToArray(), [outChannels]) : RandomFloats(random, outChannels)))).ToArray();
        var normalized = Add(graph, "BatchNormalization", name + "_bn", bn, Tensor(DataType.Float, "N", outChannels, spatial, spatial));
        return relu ? Add(graph, "Relu", name + "_relu", [normalized], Tensor(DataType.Float, "N", outChannels, spatial, spatial)) : normalized;
    }

    private static DenseTensor RandomFloats(Random random, params long[] dims)
    {
        var values = new float[dims.Aggregate(1L, (a, b) => a * b)];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return DenseTensor.FromFloats(values, dims);
    }
}
