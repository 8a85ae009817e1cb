using OnnxKit.Exporter.Scripting;

namespace OnnxKit.Training.Jobs;

/// <summary>What <c>onnxkit train</c> does: train a zoo model or script on data and write the trained ONNX model.</summary>
/// <param name="Model">The model to train.</param>
/// <param name="Recipe">Data, epochs, optimizer and the rest.</param>
/// <param name="Output">The ONNX file to write.</param>
/// <param name="WeightsOutput">Also write the trained weights as a .npz archive (exporter layout), or null.</param>
/// <param name="Opset">The opset of the written model.</param>
/// <param name="Loss">The loss.</param>
public sealed record TrainRequest(ModelSource Model, TrainingRecipe Recipe, string Output, string? WeightsOutput = null, int Opset = 17, LossKind Loss = LossKind.Auto);
