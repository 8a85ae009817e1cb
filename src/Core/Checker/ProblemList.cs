namespace OnnxKit.Checker;

/// <summary>Collects problems in the order they are found.</summary>
internal sealed class ProblemList
{
    private readonly List<CheckProblem> items = [];

    public IReadOnlyList<CheckProblem> Items => items;

    public void Error(string location, string code, string message) =>
        items.Add(new CheckProblem(CheckSeverity.Error, location, code, message));

    public void Warning(string location, string code, string message) =>
        items.Add(new CheckProblem(CheckSeverity.Warning, location, code, message));

    public void Add(CheckSeverity severity, string location, string code, string message) =>
        items.Add(new CheckProblem(severity, location, code, message));
}
