using System.Globalization;

namespace OnnxKit.Execution;

/// <summary>
/// Concrete shapes for inputs with symbolic or unknown dims, from <c>--shape</c> options:
/// <c>NAME=1x3x224x224</c> gives input NAME its full shape; <c>SYMBOL=8</c> sizes every dim
/// named SYMBOL (e.g. <c>batch=8</c>). A name that is an input's is read as a full shape.
/// </summary>
public sealed class ShapeOverrides
{
    private readonly Dictionary<string, long[]> entries;

    private ShapeOverrides(Dictionary<string, long[]> entries) => this.entries = entries;

    /// <summary>No overrides: open dims take <see cref="OpenDimDefaults"/>.</summary>
    public static ShapeOverrides None { get; } = new(new Dictionary<string, long[]>());

    /// <summary>The parsed entries: name to sizes.</summary>
    public IReadOnlyDictionary<string, long[]> Entries => entries;

    /// <summary>Parses <c>NAME=AxBxC</c> strings; throws <see cref="OnnxKitException"/> naming the malformed one.</summary>
    public static ShapeOverrides Parse(IEnumerable<string> specs)
    {
        var entries = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (string spec in specs)
        {
            int eq = spec.LastIndexOf('=');
            if (eq <= 0) throw Malformed(spec, "expected NAME=DIMS such as x=1x3x224x224 or batch=8");
            string name = spec[..eq];
            string[] parts = spec[(eq + 1)..].Split('x', ',');
            var dims = new long[parts.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out dims[i]))
                    throw Malformed(spec, $"'{parts[i]}' is not a non-negative integer");
            }
            if (!entries.TryAdd(name, dims)) throw Malformed(spec, $"'{name}' is given twice");
        }
        return new ShapeOverrides(entries);
    }

    /// <summary>
    /// Throws, naming the entry and what the model has, when an override names neither one of
    /// <paramref name="inputs"/> nor a symbolic dim of one (a misspelt <c>--shape</c> is an error, not ignored).
    /// </summary>
    public void CheckNames(IReadOnlyList<TensorSpec> inputs)
    {
        var symbols = inputs.SelectMany(i => i.Shape is { } shape ? Enumerable.Range(0, shape.Rank).Select(d => shape[d].Symbol) : [])
            .OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        foreach (string name in entries.Keys)
        {
            if (inputs.Any(i => i.Name == name) || symbols.Contains(name, StringComparer.Ordinal)) continue;
            string dims = symbols.Length == 0 ? "no symbolic dims" : $"symbolic dims {string.Join(", ", symbols)}";
            throw new OnnxKitException($"--shape {name}=...: the model has no input or dim named '{name}'; its inputs are {string.Join(", ", inputs)} ({dims}).");
        }
    }

    /// <summary>
    /// The concrete dims for <paramref name="spec"/>. Dims left open by the model and by the
    /// overrides take the size <see cref="OpenDimDefaults"/> gives, and a note saying which and why is added to <paramref name="notes"/>.
    /// </summary>
    public long[] Resolve(TensorSpec spec, ICollection<string> notes)
    {
        if (entries.TryGetValue(spec.Name, out var full))
        {
            if (spec.Shape is { } shape)
            {
                bool fits = shape.Rank == full.Length;
                for (int i = 0; fits && i < full.Length; i++) fits = shape[i].Value is not long known || known == full[i];
                if (!fits) throw new OnnxKitException($"--shape {spec.Name}={string.Join("x", full)} does not fit input {spec}.");
            }
            return full;
        }
        if (spec.Shape is null)
            throw new OnnxKitException($"Input '{spec.Name}' has no known rank; give its shape with --shape {spec.Name}=AxBx...");
        var dims = new long[spec.Shape.Rank];
        for (int i = 0; i < dims.Length; i++)
        {
            var dim = spec.Shape[i];
            if (dim.Value is long known) dims[i] = known;
            else if (dim.Symbol is { } symbol && entries.TryGetValue(symbol, out var size) && size.Length == 1) dims[i] = size[0];
            else
            {
                (dims[i], string rule) = OpenDimDefaults.For(spec, i);
                string label = dim.Symbol is { } s ? $"'{s}'" : $"{i}";
                notes.Add($"input '{spec.Name}': dim {label} is not fixed; using {dims[i]} ({rule}; set it with --shape {dim.Symbol ?? spec.Name}=...)");
            }
        }
        return dims;
    }

    private static OnnxKitException Malformed(string spec, string problem) => new($"--shape '{spec}': {problem}.");
}
