using System.Text.RegularExpressions;

namespace OnnxKit.Exporter;

/// <summary>
/// Keras-style automatic layer names: the snake_case class name, then <c>_1</c>, <c>_2</c>, ...
/// for later layers of the same kind (<c>dense</c>, <c>dense_1</c>); input layers count from 1
/// (<c>input_1</c>). Counters live in a scope: by default one per process, as in a Keras
/// session; <see cref="NewScope"/> starts fresh counters for the current async flow, so a
/// model factory gives the same names on every run.
/// </summary>
public static partial class LayerNames
{
    private static readonly Scope ProcessScope = new(null);
    private static readonly AsyncLocal<Scope?> Current = new();

    /// <summary>
    /// Starts a naming scope with fresh counters for the current async flow; disposing it
    /// restores the enclosing scope.
    /// </summary>
    public static IDisposable NewScope()
    {
        var scope = new Scope(Current.Value);
        Current.Value = scope;
        return scope;
    }

    /// <summary>The next unique name for <paramref name="prefix"/> in the current scope.</summary>
    /// <param name="prefix">The base name, e.g. <c>dense</c>.</param>
    /// <param name="oneBased">Number from 1 (<c>input_1</c>) instead of leaving the first bare.</param>
    public static string Next(string prefix, bool oneBased = false) => (Current.Value ?? ProcessScope).Next(prefix, oneBased);

    /// <summary>Keras's conversion of a class name to a layer-name prefix: <c>ReLU</c> → <c>re_lu</c>, <c>MaxPooling2D</c> → <c>max_pooling2d</c>.</summary>
    public static string ToSnakeCase(string className)
    {
        string intermediate = WordStart().Replace(className, "$1_$2");
        return LowerUpper().Replace(intermediate, "$1_$2").ToLowerInvariant();
    }

    [GeneratedRegex("(.)([A-Z][a-z0-9]+)")]
    private static partial Regex WordStart();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex LowerUpper();

    private sealed class Scope(Scope? parent) : IDisposable
    {
        private readonly Dictionary<string, int> counters = new(StringComparer.Ordinal);

        public string Next(string prefix, bool oneBased)
        {
            lock (counters)
            {
                int used = counters.GetValueOrDefault(prefix);
                counters[prefix] = used + 1;
                if (oneBased) return $"{prefix}_{used + 1}";
                return used == 0 ? prefix : $"{prefix}_{used}";
            }
        }

        public void Dispose()
        {
            if (Current.Value == this) Current.Value = parent;
        }
    }
}
