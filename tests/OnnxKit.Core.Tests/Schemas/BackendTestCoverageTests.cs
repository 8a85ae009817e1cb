using OnnxKit.Ir;
using OnnxKit.Schemas;
using OnnxKit.Serialization.Proto;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Tests.Schemas;

/// <summary>The schema table against the operators used by ONNX's backend conformance models.</summary>
public sealed class BackendTestCoverageTests
{
    private const string NodeTestsFolder = "onnx-backend-tests/node";

    [SharedDataFact(NodeTestsFolder)]
    public void Every_node_in_the_conformance_models_has_a_live_schema()
    {
        var problems = new List<string>();
        var models = Directory.GetDirectories(RepositoryPaths.Shared(NodeTestsFolder))
            .Select(folder => Path.Combine(folder, "model.onnx"))
            .Where(File.Exists)
            .ToList();
        Assert.NotEmpty(models);

        foreach (var path in models)
        {
            var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
            var opsets = model.OpsetImport.ToDictionary(
                import => DomainNames.Canonical(import.Domain), import => (int)import.Version);
            var localFunctions = model.Functions.Select(function => (function.Domain, function.Name)).ToHashSet();
            var caseName = Path.GetFileName(Path.GetDirectoryName(path));

            foreach (var node in NodesOf(model.Graph))
            {
                var domain = DomainNames.Canonical(node.Domain);
                if (localFunctions.Contains((node.Domain, node.OpType)))
                {
                    continue;
                }

                if (!opsets.TryGetValue(domain, out var opset))
                {
                    problems.Add($"{caseName}: {node.OpType} uses domain '{domain}' that the model does not import");
                    continue;
                }

                var schema = OpSchemaRegistry.Default.Find(domain, node.OpType, opset);
                if (schema is null || schema.Deprecated)
                {
                    problems.Add($"{caseName}: no live schema for '{domain}' {node.OpType} at opset {opset} (found {schema?.ToString() ?? "none"})");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static IEnumerable<NodeProto> NodesOf(GraphProto graph)
    {
        foreach (var node in graph.Node)
        {
            yield return node;
            foreach (var attribute in node.Attribute)
            {
                var subgraphs = attribute.Graphs.Prepend(attribute.G).Where(subgraph => subgraph is not null);
                foreach (var nested in subgraphs.SelectMany(NodesOf))
                {
                    yield return nested;
                }
            }
        }
    }
}
