using System.Xml.Linq;
using OnnxKit.Execution;
using OnnxKit.Reference;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Optimizer.Tests;

/// <summary>
/// The optimizer runs models only through Core's execution contract (docs/execution.md): neither its
/// project file nor the assemblies it is built from refer to OnnxKit.Runtime or ONNX Runtime. The CLI
/// passes ONNX Runtime in.
/// </summary>
public sealed class OptimizerDependencyTests
{
    [Fact]
    public void TheOptimizerProjectReferencesNeitherTheRuntimeProjectNorOnnxRuntime()
    {
        var project = XDocument.Load(Path.Combine(RepositoryPaths.Root, "src", "Optimizer", "OnnxKit.Optimizer.csproj"));
        var references = project.Descendants()
            .Where(e => e.Name.LocalName is "ProjectReference" or "PackageReference")
            .Select(e => (string?)e.Attribute("Include") ?? "").ToList();

        Assert.Contains("../Core/OnnxKit.Core.csproj", references);
        Assert.DoesNotContain(references, r => r.Contains("Runtime", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void TheOptimizerAndTheEvaluatorItUsesAreNotBuiltAgainstOnnxRuntime()
    {
        var referenced = new[] { typeof(ModelOptimizer).Assembly, typeof(ReferenceBackend).Assembly, typeof(IBackend).Assembly }
            .SelectMany(a => a.GetReferencedAssemblies()).Select(a => a.Name ?? "").ToList();

        Assert.Contains("OnnxKit.Core", referenced);
        Assert.DoesNotContain("OnnxKit.Runtime", referenced);
        Assert.DoesNotContain(referenced, name => name.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.Ordinal));
    }
}
