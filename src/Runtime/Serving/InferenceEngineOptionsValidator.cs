using Microsoft.Extensions.Options;

namespace OnnxKit.Runtime.Serving;

/// <summary>Checks <see cref="InferenceEngineOptions"/> through the options system, so the host reports every problem at start-up.</summary>
internal sealed class InferenceEngineOptionsValidator : IValidateOptions<InferenceEngineOptions>
{
    public ValidateOptionsResult Validate(string? name, InferenceEngineOptions options) =>
        options.Validate() is { Count: > 0 } problems
            ? ValidateOptionsResult.Fail(problems.Select(problem => $"OnnxKit model{(string.IsNullOrEmpty(name) ? "" : $" '{name}'")}: {problem}"))
            : ValidateOptionsResult.Success;
}
