using OnnxKit.Reference.Engine;
using OnnxKit.Schemas;

namespace OnnxKit.Reference.Tests.Engine;

public sealed class KernelRegistryTests
{
    [Fact]
    public void EveryKernelDeclaresRealSchemaVersionsOfItsOperator()
    {
        var problems = new List<string>();
        foreach (var entry in KernelRegistry.Default.Entries)
        {
            var versions = OpSchemaRegistry.Default.Versions(entry.Domain, entry.OpType).Select(s => s.SinceVersion).ToList();
            if (versions.Count == 0) problems.Add($"{entry.OpType}: no schema");
            else if (!versions.Contains(entry.FromVersion) || !versions.Contains(entry.ToVersion))
                problems.Add($"{entry.OpType} {entry.FromVersion}-{entry.ToVersion}: schema versions are {string.Join(",", versions)}");
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void TheNewestVersionOfAnImplementedOperatorIsCovered()
    {
        // When the schema table gains a version, this names the kernels to review (the semantics may have changed).
        var stale = KernelRegistry.Default.Entries.GroupBy(e => (e.Domain, e.OpType))
            .Select(g => (Op: g.Key.OpType, Newest: g.Max(e => e.ToVersion), Schema: OpSchemaRegistry.Default.Versions(g.Key.Domain, g.Key.OpType).Where(s => !s.Deprecated).Max(s => s.SinceVersion)))
            .Where(x => x.Newest < x.Schema && !Superseded.Contains(x.Op))
            .Select(x => $"{x.Op}: kernels up to {x.Newest}, schema {x.Schema}").ToList();
        Assert.True(stale.Count == 0, string.Join(Environment.NewLine, stale));
    }

    /// <summary>Operators whose newer versions are deliberately not implemented.</summary>
    private static readonly HashSet<string> Superseded = [];

    [Fact]
    public void ResolvesTheKernelGoverningAnOpset()
    {
        var found = KernelRegistry.Default.Find("", "Softmax", 12);
        Assert.NotNull(found);
        Assert.Equal(11, found.Value.SchemaVersion);
        Assert.Equal(13, KernelRegistry.Default.Find("ai.onnx", "Softmax", 21)!.Value.SchemaVersion);
        Assert.Equal(6, KernelRegistry.Default.Find("", "Add", 6)!.Value.SchemaVersion);
        Assert.Equal(1, KernelRegistry.Default.Find("", "Add", 5)!.Value.SchemaVersion);
        Assert.Null(KernelRegistry.Default.Find("", "NoSuchOp", 21));
    }

    /// <summary>The operators no version of which is implemented: their results are random.</summary>
    private static readonly HashSet<string> RandomGenerators = ["RandomNormal", "RandomNormalLike", "RandomUniform", "RandomUniformLike"];

    [Fact]
    public void EverySchemaVersionOfOpsetsOneToSixHasAKernel()
    {
        // Old models (PyTorch's opset-6 exports, Caffe2 conversions) use these versions; each has a kernel,
        // whose results LegacyOperatorTests and the PyTorch-exported cases check.
        var missing = new List<string>();
        int versions = 0;
        foreach (string op in OpSchemaRegistry.Default.OpNames("").Where(op => !RandomGenerators.Contains(op)))
        {
            foreach (var schema in OpSchemaRegistry.Default.Versions("", op).Where(s => s.SinceVersion <= 6 && !s.Deprecated))
            {
                versions++;
                if (KernelRegistry.Default.Find("", op, schema.SinceVersion) is not { } found || found.SchemaVersion != schema.SinceVersion)
                    missing.Add($"{op}-{schema.SinceVersion}");
            }
        }
        Assert.True(versions > 120, $"only {versions} schema versions of opsets 1-6 were found");
        Assert.True(missing.Count == 0, $"no kernel for {string.Join(", ", missing)}");
    }
}
