using OnnxKit.Ir;
using OnnxKit.Schemas;

namespace OnnxKit.Checker;

/// <summary>
/// Checks the model's IR version and the opset imports of the model and of its functions: the IR version
/// is set and known, each domain imported once at a valid version that exists; an ai.onnx opset newer than
/// its IR version's release draws a warning, as ONNX's full checker accepts such models.
/// </summary>
internal sealed class OpsetChecker(CheckContext context)
{
    private readonly ProblemList problems = context.Problems;

    public void CheckModel()
    {
        var model = context.Model;
        long ir = model.IrVersion;
        if (ir <= 0)
            problems.Error(Locations.Model, ProblemCodes.IrVersionMissing, "the model has no IR version (ir_version must be set).");
        else if (ir > OpsetSupport.MaxIrVersion)
            problems.Error(Locations.Model, ProblemCodes.IrVersionUnknown, $"IR version {ir} is newer than the newest OnnxKit knows ({OpsetSupport.MaxIrVersion}).");

        if (ir >= 3 && model.OpsetImports.Count == 0)
            problems.Error(Locations.Model, ProblemCodes.OpsetImportMissing, $"the model (IR version {ir}) imports no operator set; it must import ai.onnx at least.");
        else if (ir is > 0 and < 3 && model.OpsetImports.Count > 0)
            problems.Error(Locations.Model, ProblemCodes.OpsetImportUnexpected, $"IR version {ir} predates opset imports (such models use ai.onnx opset 1 implicitly), yet the model lists some.");

        CheckImports(model.OpsetImports, Locations.Model, ir);

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, _) in model.Metadata)
        {
            if (!keys.Add(key)) problems.Error(Locations.Model, ProblemCodes.DuplicateMetadataKey, $"model metadata key '{key}' appears more than once.");
        }
    }

    /// <summary>Checks one list of opset imports; <paramref name="irVersion"/> is the model's, checked against the ai.onnx opset.</summary>
    public void CheckImports(IReadOnlyList<OpsetImport> imports, string ownerPath, long irVersion)
    {
        var domains = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < imports.Count; i++)
        {
            var import = imports[i];
            string location = Locations.OpsetImport(ownerPath, i);
            string domain = DomainNames.Canonical(import.Domain);
            string shown = DomainNames.Display(domain);
            if (!domains.Add(domain))
                problems.Error(location, ProblemCodes.DuplicateOpsetImport, $"domain '{shown}' is imported more than once; each domain may be imported once (\"\" and \"ai.onnx\" are the same domain).");
            if (import.Version is < 1 or > int.MaxValue)
            {
                problems.Error(location, ProblemCodes.OpsetVersionInvalid, $"domain '{shown}' is imported at version {import.Version}; versions are positive 32-bit numbers.");
                continue;
            }
            if (NewestOpset(domain) is int newest && import.Version > newest)
            {
                problems.Error(location, ProblemCodes.OpsetUnknown, $"{shown} opset {import.Version} is newer than the newest OnnxKit knows ({newest}).");
                continue;
            }
            if (domain.Length == 0 && irVersion > 0 && import.Version <= OpsetSupport.NewestKnownOpset)
            {
                int needed = OpsetSupport.MinIrVersionForOpset((int)import.Version);
                if (irVersion < needed)
                    problems.Warning(location, ProblemCodes.IrVersionOlderThanOpset, $"ai.onnx opset {import.Version} normally goes with IR version {needed} or newer, but the model declares IR version {irVersion}; ONNX's checker and ONNX Runtime accept it, and IR version {irVersion}'s rules apply (e.g. up to IR 3 every initializer must also be a graph input).");
            }
        }
    }

    private int? NewestOpset(string domain)
    {
        int? known = context.Registry.NewestOpset(domain);
        return domain.Length == 0 ? Math.Max(known ?? 0, OpsetSupport.NewestKnownOpset) : known;
    }
}
