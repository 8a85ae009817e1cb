namespace OnnxKit.Optimizer.Passes;

/// <summary>
/// Passes by name, in canonical pipeline order. <see cref="Default"/> holds OnnxKit's built-in
/// passes; a caller may build its own registry and add passes to it.
/// </summary>
public sealed class PassRegistry
{
    private readonly List<(PassInfo Info, Func<Pass> Create)> entries = [];

    /// <summary>A new registry holding OnnxKit's built-in passes.</summary>
    public static PassRegistry Default => BuiltInPasses.CreateRegistry();

    /// <summary>Every registered pass, in pipeline order.</summary>
    public IReadOnlyList<PassInfo> Passes => entries.Select(e => e.Info).ToList();

    /// <summary>Adds a pass at the end of the order; its name must be new.</summary>
    public PassRegistry Register(Func<Pass> factory)
    {
        var sample = factory();
        if (Contains(sample.Name)) throw new ArgumentException($"A pass named '{sample.Name}' is already registered.", nameof(factory));
        entries.Add((new PassInfo(sample.Name, sample.Description, sample.Level), factory));
        return this;
    }

    /// <summary>True when a pass of this name is registered.</summary>
    public bool Contains(string name) => entries.Exists(e => e.Info.Name == name);

    /// <summary>A fresh instance of the pass called <paramref name="name"/>.</summary>
    /// <exception cref="OnnxKitException">No such pass; the message lists the known names.</exception>
    public Pass Create(string name)
    {
        var entry = entries.Find(e => e.Info.Name == name);
        if (entry.Create is null)
            throw new OnnxKitException($"Unknown pass '{name}'. Known passes: {string.Join(", ", entries.Select(e => e.Info.Name))}.");
        return entry.Create();
    }
}
