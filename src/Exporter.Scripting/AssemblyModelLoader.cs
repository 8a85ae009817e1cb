using System.Reflection;
using System.Runtime.Loader;
using OnnxKit.Exporter.Networks;

namespace OnnxKit.Exporter.Scripting;

/// <summary>
/// Creates a model defined in a compiled assembly: a <see cref="Network"/> subclass with a
/// public parameterless constructor, or a public static parameterless method returning a
/// <see cref="Network"/> (<c>My.Models.Factory.Build</c>). The assembly is loaded into its own
/// load context with its dependencies resolved from its folder, while the OnnxKit
/// assemblies are shared with the host so the model's types are the host's.
/// </summary>
public static class AssemblyModelLoader
{
    /// <summary>Loads <paramref name="assemblyPath"/> and builds the model named by <paramref name="typeOrMethod"/>.</summary>
    public static Network Load(string assemblyPath, string typeOrMethod)
    {
        if (!File.Exists(assemblyPath)) throw new OnnxKitException($"Assembly '{assemblyPath}' does not exist.");
        string fullPath = Path.GetFullPath(assemblyPath);
        Assembly assembly;
        try
        {
            assembly = new PluginContext(fullPath).LoadFromAssemblyPath(fullPath);
        }
        catch (BadImageFormatException e)
        {
            throw new OnnxKitException($"'{assemblyPath}' is not a .NET assembly: {e.Message}");
        }
        using (LayerNames.NewScope())
        {
            var type = FindType(assembly, typeOrMethod);
            if (type is not null) return FromType(type, assemblyPath);
            int dot = typeOrMethod.LastIndexOf('.');
            var owner = dot > 0 ? FindType(assembly, typeOrMethod[..dot]) : null;
            var method = owner?.GetMethod(typeOrMethod[(dot + 1)..], BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes);
            if (method is null || !typeof(Network).IsAssignableFrom(method.ReturnType))
            {
                var candidates = SafeTypes(assembly).Where(t => typeof(Network).IsAssignableFrom(t) && !t.IsAbstract).Select(t => t.FullName);
                throw new OnnxKitException($"Assembly '{assemblyPath}' has no model type or static factory method '{typeOrMethod}'. Model types in it: {string.Join(", ", candidates.DefaultIfEmpty("none"))}.");
            }
            return Invoke(() => (Network)method.Invoke(null, null)!, typeOrMethod);
        }
    }

    private static Network FromType(Type type, string assemblyPath)
    {
        if (!typeof(Network).IsAssignableFrom(type) || type.IsAbstract)
            throw new OnnxKitException($"Type '{type.FullName}' in '{assemblyPath}' is not a concrete model (a subclass of {nameof(Network)}).");
        if (type.GetConstructor(Type.EmptyTypes) is not { } constructor)
            throw new OnnxKitException($"Model type '{type.FullName}' needs a public parameterless constructor.");
        return Invoke(() => (Network)constructor.Invoke(null), type.FullName!);
    }

    private static Network Invoke(Func<Network> create, string name)
    {
        try
        {
            return create();
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            if (inner is OnnxKitException) throw inner;
            throw new OnnxKitException($"Creating model '{name}' failed: {inner.GetType().Name}: {inner.Message}", inner);
        }
    }

    private static Type? FindType(Assembly assembly, string name) =>
        assembly.GetType(name) ?? SafeTypes(assembly).FirstOrDefault(t => t.Name == name);

    private static IEnumerable<Type> SafeTypes(Assembly assembly)
    {
        try { return assembly.GetTypes(); }
        catch (ReflectionTypeLoadException e) { return e.Types.OfType<Type>(); }
    }

    /// <summary>Resolves a plugin's own dependencies from its folder and shares OnnxKit's assemblies with the host.</summary>
    private sealed class PluginContext(string mainAssemblyPath) : AssemblyLoadContext(isCollectible: false)
    {
        private readonly AssemblyDependencyResolver resolver = new(mainAssemblyPath);

        protected override Assembly? Load(AssemblyName name)
        {
            if (name.Name?.StartsWith("OnnxKit.", StringComparison.Ordinal) == true) return null;
            string? path = resolver.ResolveAssemblyToPath(name);
            return path is null ? null : LoadFromAssemblyPath(path);
        }
    }
}
