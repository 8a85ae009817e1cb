using OnnxKit.Ir;
using OnnxKit.ShapeInference;

namespace OnnxKit.Optimizer.Conversion;

/// <summary>
/// Element types and shapes of the input model's values, inferred once on a copy (so the converted model
/// gains no value_info it did not have), looked up by value name. Adapters whose rewrite depends on a
/// rank (Softmax's axis at opset 13, legacy broadcasting at 7) read them here.
/// </summary>
internal sealed class TypeFacts
{
    private readonly Dictionary<string, TensorType> types = new(StringComparer.Ordinal);

    private TypeFacts()
    {
    }

    /// <summary>Infers the types of a copy of <paramref name="model"/>; values it cannot type stay unknown.</summary>
    public static TypeFacts Of(Model model)
    {
        var facts = new TypeFacts();
        var copy = model.Clone();
        try
        {
            ShapeInferer.Infer(copy, new ShapeInferenceOptions { WriteValueInfo = false });
        }
        catch (OnnxKitException)
        {
            // Inference is a best effort here: what it typed before failing is still used.
        }
        foreach (var graph in copy.AllGraphs())
        {
            foreach (var value in graph.Inputs.Concat(graph.Initializers).Concat(graph.Nodes.SelectMany(n => n.Outputs)).Concat(graph.ValueInfo))
            {
                if (value.Type is TensorType tensor) facts.types.TryAdd(value.Name, tensor);
            }
        }
        return facts;
    }

    /// <summary>The tensor type of <paramref name="value"/>: the inferred one (which refines a declared one), else its own.</summary>
    public TensorType? TypeOf(Value? value) =>
        value is null ? null : types.GetValueOrDefault(value.Name) ?? value.Type as TensorType;

    /// <summary>The rank of <paramref name="value"/> when known.</summary>
    public int? RankOf(Value? value) => TypeOf(value)?.Shape?.Rank;

    /// <summary>The element type of <paramref name="value"/> when known.</summary>
    public DataType? ElementTypeOf(Value? value) => TypeOf(value)?.ElementType;
}
