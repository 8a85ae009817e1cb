using OnnxKit.Execution;

namespace OnnxKit.Evaluation;

/// <summary>A model to evaluate: the name reports give it (usually its file) and the backend that runs it (owned by the caller).</summary>
public sealed record EvaluatedModel(string Name, IModelBackend Backend);
