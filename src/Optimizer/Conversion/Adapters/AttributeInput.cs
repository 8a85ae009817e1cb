namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>One attribute that became an input: its name, the input's position and how it is written.</summary>
/// <param name="Attribute">The attribute's name in the older form (unused for <see cref="InputForm.OnesOnly"/> and <see cref="InputForm.ZeroOnly"/>).</param>
/// <param name="Index">The input's position in the newer form.</param>
/// <param name="Form">How values are written on each side.</param>
public sealed record AttributeInput(string Attribute, int Index, InputForm Form);
