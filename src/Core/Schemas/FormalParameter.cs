namespace OnnxKit.Schemas;

/// <summary>One formal input or output of an operator schema.</summary>
/// <param name="Name">The parameter's name in the schema.</param>
/// <param name="TypeStr">
/// Either the name of a type constraint of the schema (e.g. <c>T</c>) or a concrete type string
/// (e.g. <c>tensor(int64)</c>).
/// </param>
/// <param name="Option">Whether the parameter is single, optional or variadic.</param>
/// <param name="IsHomogeneous">
/// For a variadic parameter, whether all its values must share one type; <see langword="true"/>
/// for single and optional parameters.
/// </param>
public sealed record FormalParameter(string Name, string TypeStr, FormalParameterOption Option, bool IsHomogeneous);
