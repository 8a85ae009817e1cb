using OnnxKit.Ir;
using OnnxKit.Serialization;

namespace OnnxKit.Cli;

/// <summary>
/// The one place <c>view</c>, <c>summary</c> and <c>inspect --tree</c> load a model. Views show each
/// value's type as the file declares it (graph inputs, outputs, value_info); when Core's shape
/// inference (ShapeInferer.Infer) lands, it is applied here, so every view shows inferred shapes.
/// </summary>
internal static class ViewedModel
{
    public static Model Load(string path) => OnnxFile.Load(path);
}
