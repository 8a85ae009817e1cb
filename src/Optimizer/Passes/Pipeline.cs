namespace OnnxKit.Optimizer.Passes;

/// <summary>
/// A pipeline as data: pass names in order, run repeatedly until an iteration changes nothing
/// (a fixed point) or <see cref="MaxIterations"/> is reached.
/// </summary>
public sealed record Pipeline
{
    /// <summary>Creates a pipeline of the named passes.</summary>
    public Pipeline(IEnumerable<string> passes, int maxIterations = 10)
    {
        if (maxIterations < 1) throw new ArgumentOutOfRangeException(nameof(maxIterations), "A pipeline runs at least once.");
        Passes = passes.ToArray();
        MaxIterations = maxIterations;
    }

    /// <summary>The pass names, in the order they run within one iteration.</summary>
    public IReadOnlyList<string> Passes { get; }

    /// <summary>The most iterations before the runner gives up on reaching a fixed point.</summary>
    public int MaxIterations { get; }

    /// <summary>Every registered pass up to <paramref name="level"/>, in registry order.</summary>
    public static Pipeline ForLevel(PassLevel level, PassRegistry registry) =>
        new(registry.Passes.Where(p => p.Level <= level && p.Level != PassLevel.Explicit).Select(p => p.Name));

    /// <summary>This pipeline without the named passes.</summary>
    public Pipeline Without(IEnumerable<string> names)
    {
        var skip = names.ToHashSet(StringComparer.Ordinal);
        return new Pipeline(Passes.Where(p => !skip.Contains(p)), MaxIterations);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(",", Passes);
}
