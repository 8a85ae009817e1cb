using OnnxKit.Ir;

namespace OnnxKit.Training.TrainingForms;

/// <summary>A running statistic (BatchNormalization's moving mean or variance) and the value that replaces it after a training step.</summary>
internal sealed record StatisticUpdate(Value Statistic, Value Updated);
