namespace OnnxKit.Checker;

/// <summary>One finding of <see cref="ModelChecker"/>.</summary>
/// <param name="Severity">Whether the finding makes the model invalid.</param>
/// <param name="Location">
/// Where in the model: a path such as <c>graph.node[12]('conv1')</c> or
/// <c>graph.node[3](If).attribute['then_branch'].node[0](Add)</c>; see <c>docs/checker.md</c>.
/// </param>
/// <param name="Code">A short stable identifier of the kind of problem (one of <see cref="ProblemCodes"/>).</param>
/// <param name="Message">What is wrong, in words.</param>
public sealed record CheckProblem(CheckSeverity Severity, string Location, string Code, string Message)
{
    /// <summary>The problem as one line: <c>error: location: message [code]</c>.</summary>
    public override string ToString() =>
        $"{(Severity == CheckSeverity.Error ? "error" : "warning")}: {Location}: {Message} [{Code}]";
}
