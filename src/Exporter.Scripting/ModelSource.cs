using OnnxKit.Exporter.Networks;
using OnnxKit.Models;

namespace OnnxKit.Exporter.Scripting;

/// <summary>Where a model comes from: the zoo, a C# script, or a type in a compiled assembly.</summary>
public abstract record ModelSource
{
    private ModelSource()
    {
    }

    /// <summary>Builds the model.</summary>
    public abstract Network Create();

    /// <summary>A zoo model by name, with options.</summary>
    public sealed record Zoo(string Name, ZooOptions Options) : ModelSource
    {
        /// <inheritdoc/>
        public override Network Create() => ModelZoo.Create(Name, Options);
    }

    /// <summary>A C# script evaluating to a model.</summary>
    public sealed record Script(string Path) : ModelSource
    {
        /// <inheritdoc/>
        public override Network Create() => ScriptModelLoader.Load(Path);
    }

    /// <summary>A model type or static factory method in a compiled assembly.</summary>
    public sealed record AssemblyType(string AssemblyPath, string TypeOrMethod) : ModelSource
    {
        /// <inheritdoc/>
        public override Network Create() => AssemblyModelLoader.Load(AssemblyPath, TypeOrMethod);
    }
}
