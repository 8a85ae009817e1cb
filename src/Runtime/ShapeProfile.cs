namespace OnnxKit.Runtime;

/// <summary>
/// The range of shapes a TensorRT engine is built for, for one input with dynamic dims:
/// the smallest, the one to tune for, and the largest.
/// </summary>
public sealed record ShapeProfile(string InputName, long[] Min, long[] Opt, long[] Max)
{
    /// <summary>Checks that the three shapes have one rank and that min ≤ opt ≤ max in every dim.</summary>
    public void Validate()
    {
        if (Min.Length != Opt.Length || Opt.Length != Max.Length)
            throw new OnnxKitException($"Shape profile of '{InputName}': min, opt and max must have the same rank.");
        for (int i = 0; i < Min.Length; i++)
        {
            if (Min[i] < 0 || Min[i] > Opt[i] || Opt[i] > Max[i])
                throw new OnnxKitException($"Shape profile of '{InputName}': dim {i} must satisfy 0 ≤ min ≤ opt ≤ max (got {Min[i]}, {Opt[i]}, {Max[i]}).");
        }
    }

    internal static string Format(IEnumerable<ShapeProfile> profiles, Func<ShapeProfile, long[]> pick) =>
        string.Join(",", profiles.Select(p => $"{p.InputName}:{string.Join("x", pick(p))}"));
}
