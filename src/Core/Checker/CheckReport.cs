namespace OnnxKit.Checker;

/// <summary>Everything <see cref="ModelChecker.Check"/> found in one model, in the order the model was walked.</summary>
public sealed class CheckReport
{
    /// <summary>Creates a report over the given problems.</summary>
    public CheckReport(IReadOnlyList<CheckProblem> problems)
    {
        Problems = problems;
        ErrorCount = problems.Count(p => p.Severity == CheckSeverity.Error);
    }

    /// <summary>Every problem found, errors and warnings interleaved in model order.</summary>
    public IReadOnlyList<CheckProblem> Problems { get; }

    /// <summary>The number of problems of <see cref="CheckSeverity.Error"/> severity.</summary>
    public int ErrorCount { get; }

    /// <summary>The number of problems of <see cref="CheckSeverity.Warning"/> severity.</summary>
    public int WarningCount => Problems.Count - ErrorCount;

    /// <summary>True when no problem is an error (warnings are allowed).</summary>
    public bool IsValid => ErrorCount == 0;

    /// <summary>One line per problem.</summary>
    public override string ToString() => string.Join(Environment.NewLine, Problems);
}
