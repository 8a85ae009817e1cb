using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;

namespace OnnxKit.Optimizer.Distillation;

/// <summary>
/// <c>add-soft-targets</c>: adds the output <c>soft_targets</c> = Softmax(logits / T) over the
/// class axis (Hinton et al., 2015), exposing the logits first when the model lacks a
/// <c>logits</c> output (<see cref="ExposeLogitsPass"/>). A model that already has a
/// <c>soft_targets</c> output is left as it is. Registered at T = 1; distill-prep sets the temperature.
/// </summary>
/// <param name="temperature">The temperature T, positive and finite.</param>
public sealed class SoftTargetsPass(float temperature = 1f) : Pass
{
    /// <summary>The temperature T.</summary>
    public float Temperature { get; } = temperature > 0 && float.IsFinite(temperature)
        ? temperature
        : throw new ArgumentOutOfRangeException(nameof(temperature), $"The temperature must be positive and finite; got {temperature}.");

    /// <inheritdoc/>
    public override string Name => "add-soft-targets";

    /// <inheritdoc/>
    public override string Description => "Distillation prep: add output 'soft_targets' = Softmax(logits / T) (T = 1 here; distill-prep --temperature sets it).";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.Explicit;

    /// <inheritdoc/>
    public override PassResult Run(Model model, PassContext context)
    {
        var graph = model.Graph;
        if (graph.Outputs.Any(o => o.Name == DistillationOutputs.SoftTargets)) return new PassResult(model, false);
        DistillationOutputs.CheckOpset(model, graph.Name ?? "model");
        var logits = graph.Outputs.FirstOrDefault(o => o.Name == DistillationOutputs.Logits);
        if (logits is null)
        {
            new ExposeLogitsPass().Run(model, context);
            logits = graph.Outputs.Single(o => o.Name == DistillationOutputs.Logits);
        }
        var temperatureValue = DistillationOutputs.ScalarConstant(model, "distill/temperature", Temperature);
        var scaled = new Node("", "Div", [logits, temperatureValue], ["distill/scaled_logits"], name: "distill/Div");
        var soft = new Node("", "Softmax", [scaled.Outputs[0]], [new Value("distill/soft_targets", logits.Type)], [Ir.Attribute.Int("axis", 1)], "distill/Softmax");
        graph.Nodes.Add(scaled);
        graph.Nodes.Add(soft);
        DistillationOutputs.Publish(model, soft.Outputs[0], DistillationOutputs.SoftTargets);
        return new PassResult(model, true);
    }
}
