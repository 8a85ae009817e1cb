using System.Runtime.CompilerServices;

namespace OnnxKit.Optimizer.Rewriting;

/// <summary>
/// The text of a pattern mismatch, formatted only when the matcher will keep it (when it is the
/// deepest so far): matching tries many choices that fail, and most of their reasons are never read.
/// </summary>
[InterpolatedStringHandler]
internal ref struct MismatchReason
{
    private DefaultInterpolatedStringHandler text;

    public MismatchReason(int literalLength, int formattedCount, PatternMatcher matcher, int depth, out bool kept)
    {
        kept = matcher.KeepsMismatchAt(depth);
        text = kept ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    public void AppendLiteral(string value) => text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => text.AppendFormatted(value);

    public string ToStringAndClear() => text.ToStringAndClear();
}
