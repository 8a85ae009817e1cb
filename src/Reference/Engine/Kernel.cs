namespace OnnxKit.Reference.Engine;

/// <summary>Computes one node: reads inputs and attributes from <paramref name="context"/> and sets its outputs.</summary>
internal delegate void Kernel(OpContext context);
