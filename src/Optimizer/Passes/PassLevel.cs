namespace OnnxKit.Optimizer.Passes;

/// <summary>How far a pipeline goes; each pass belongs to the lowest level that includes it.</summary>
public enum PassLevel
{
    /// <summary>Exact clean-ups: constant and shape folding, dead code, duplicates, no-ops. Outputs are bit-identical.</summary>
    Basic = 1,

    /// <summary>Adds fusions that fold weights into neighbours (Conv+BatchNormalization, MatMul+Add→Gemm, Pad into Conv, ...); results may differ in the last bits.</summary>
    Extended = 2,

    /// <summary>Adds pattern rewrites to native operators (GELU, LayerNormalization, Softmax, Clip) where the model's opset has them.</summary>
    All = 3,

    /// <summary>
    /// In no level's pipeline: the pass changes what a model computes or outputs (distillation
    /// prep adds outputs), so it runs only when named (<c>--passes</c>) or called by its command.
    /// </summary>
    Explicit = 4,
}
