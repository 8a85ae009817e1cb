using OnnxKit.Ir;
using OnnxKit.Serialization;
using OnnxKit.ShapeInference;

namespace OnnxKit.Cli;

/// <summary>
/// The one place <c>view</c>, <c>summary</c> and <c>inspect --tree</c> load a model: it is read and
/// its shapes are inferred (symbolic dims included), so every view shows a type on every value the
/// inference covers. Inference problems never stop a view; the declared types stay as they are.
/// </summary>
internal static class ViewedModel
{
    public static Model Load(string path)
    {
        var model = OnnxFile.Load(path);
        ShapeInferer.Infer(model);
        return model;
    }
}
