namespace OnnxKit.Cli.Tests;

/// <summary>
/// Tests that measure how fast the tool reacts (a signal, a deadline) run alone: on a two-core machine the
/// other CLI tests running beside them (training, hostile models under resource limits) starve the
/// process under test and turn a timing assertion into a measure of the machine's load.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitiveCollection
{
    /// <summary>The collection's name, for <c>[Collection]</c>.</summary>
    public const string Name = "timing-sensitive";
}
