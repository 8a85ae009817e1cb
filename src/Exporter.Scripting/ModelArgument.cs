using OnnxKit.Models;

namespace OnnxKit.Exporter.Scripting;

/// <summary>
/// What a command line's MODEL argument names, told apart by its form (the one place that does
/// so): a <c>.csx</c> path is a C# model script, an existing file or an <c>.onnx</c> path is an
/// ONNX file, anything else is the name of a zoo model.
/// </summary>
public abstract record ModelArgument
{
    private ModelArgument()
    {
    }

    /// <summary>The file the argument names (an ONNX file or a script); null for a zoo model.</summary>
    public abstract string? FilePath { get; }

    /// <summary>Reads <paramref name="text"/>; a zoo model is built with <paramref name="zooOptions"/>.</summary>
    public static ModelArgument Parse(string text, ZooOptions? zooOptions = null)
    {
        if (text.EndsWith(".csx", StringComparison.OrdinalIgnoreCase)) return new DslModel(new ModelSource.Script(text));
        if (File.Exists(text) || text.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)) return new OnnxFile(text);
        return new DslModel(new ModelSource.Zoo(text, zooOptions ?? new ZooOptions()));
    }

    /// <summary>An ONNX model file.</summary>
    public sealed record OnnxFile(string Path) : ModelArgument
    {
        /// <inheritdoc/>
        public override string? FilePath => Path;
    }

    /// <summary>A model written in the DSL: a script or a zoo model.</summary>
    public sealed record DslModel(ModelSource Source) : ModelArgument
    {
        /// <inheritdoc/>
        public override string? FilePath => Source is ModelSource.Script script ? script.Path : null;
    }
}
