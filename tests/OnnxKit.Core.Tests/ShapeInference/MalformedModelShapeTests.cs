using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using OnnxKit.Serialization;
using OnnxKit.ShapeInference;
using OnnxKit.Tests.TestSupport;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Tests.ShapeInference;

/// <summary>Inference on models that are wrong: it reports, it never throws.</summary>
public sealed class MalformedModelShapeTests
{
    /// <summary>
    /// Every conformance model, with input shapes, integer attributes and integer inputs replaced by
    /// random (often invalid) values from a fixed seed: Infer must return a report every time.
    /// </summary>
    [SharedDataFact(SharedData.BackendNodeFolder)]
    public void MutatedConformanceModelsAreReportedNotThrown()
    {
        var random = new Random(20240611);
        int diagnostics = 0;
        var failures = new List<string>();
        foreach (var path in SharedData.BackendModels())
        {
            var model = OnnxFile.Load(path);
            Mutate(model, random);
            try
            {
                diagnostics += ShapeInferer.Infer(model).Diagnostics.Count;
            }
            catch (Exception error)
            {
                failures.Add($"{Path.GetFileName(Path.GetDirectoryName(path))}: {error.GetType().Name}: {error.Message}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.True(diagnostics > 100, $"the mutations should make many nodes inconsistent, got {diagnostics} diagnostics");
    }

    private static void Mutate(Model model, Random random)
    {
        var graph = model.Graph;
        foreach (var input in graph.Inputs.ToList())
        {
            if (input.Type is not TensorType { Shape: { } shape } tensor || random.Next(2) == 0) continue;
            if (tensor.ElementType is DataType.Int64 && random.Next(2) == 0)
            {
                // An integer input becomes a constant of random values, often meaningless as axes, sizes or pads.
                var values = Enumerable.Range(0, random.Next(0, 5)).Select(_ => random.Next(8) == 0 ? long.MaxValue : random.Next(-6, 12)).ToArray();
                graph.Inputs.Remove(input);
                input.ConstValue = DenseTensor.FromInt64s(values, [values.Length]);
                input.Type = new TensorType(DataType.Int64, Shape.Of(values.Length));
                graph.Initializers.Add(input);
                continue;
            }
            var dims = shape.Select(d => random.Next(4) switch
            {
                0 => Dim.Of(random.Next(-2, 4)),
                1 => Dim.Named("S"),
                2 => Dim.Unknown(),
                _ => d,
            }).ToList();
            if (random.Next(5) == 0) dims.Add(Dim.Of(random.Next(0, 3)));
            input.Type = tensor with { Shape = new Shape(dims) };
        }
        foreach (var node in model.AllGraphs().SelectMany(g => g.Nodes))
        {
            foreach (var attribute in node.Attributes.ToList())
            {
                if (random.Next(4) != 0) continue;
                if (attribute.Type == AttributeType.Int) node.Attributes.Set(Attribute.Int(attribute.Name, random.Next(-4, 6)));
                if (attribute.Type == AttributeType.Ints)
                    node.Attributes.Set(Attribute.Ints(attribute.Name, Enumerable.Range(0, random.Next(0, 5)).Select(_ => (long)random.Next(-4, 6))));
            }
            foreach (var output in node.Outputs) output.Type = null;
        }
    }

    [Fact]
    public void AttributesOfTheWrongKindAreReported()
    {
        var g = new GraphBuilder();
        var y = g.Op("Flatten", [g.Input("x", 2, 3)], Attribute.String("axis", "one"));
        var report = g.Infer();
        Assert.Equal("main/Flatten#0", Assert.Single(report.Diagnostics).NodePath);
        Assert.Equal("tensor(float)", y.Type?.ToString());
    }

    [Fact]
    public void RecursiveFunctionsStop()
    {
        var g = new GraphBuilder();
        var body = new Graph();
        var input = new Value("in");
        body.Inputs.Add(input);
        var self = new Node("local", "Again", [input], ["out"]);
        body.Nodes.Add(self);
        body.Outputs.Add(self.Outputs[0]);
        g.Graph.Nodes.Add(new Node("local", "Again", [g.Input("x", 2)], ["y"]));
        var model = g.ToModel();
        model.Functions.Add(new Function("local", "Again", body, [new OpsetImport("", 17), new OpsetImport("local", 1)]));
        var report = ShapeInferer.Infer(model);
        Assert.Contains(report.Diagnostics, d => d.Message.Contains("calls itself", StringComparison.Ordinal));
    }

    [Fact]
    public void NegativeSizesFromExportersReadAsUnknown()
    {
        var g = new GraphBuilder();
        var y = g.Op("Relu", [g.Input("x", -1, 3)]);
        var z = g.Op("Flatten", [y]);
        g.Infer();
        Assert.Equal("tensor(float)[?,3]", y.Type?.ToString());
        Assert.Equal("tensor(float)[?,3]", z.Type?.ToString());
    }
}
