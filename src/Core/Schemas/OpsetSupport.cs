namespace OnnxKit.Schemas;

/// <summary>
/// The opset and IR-version policy of OnnxKit, and ONNX's table of which IR version each
/// <c>ai.onnx</c> opset needs. See <c>docs/opset-policy.md</c>.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="MaxOpset"/>, <see cref="MaxMlOpset"/> and <see cref="MaxIrVersion"/> were measured, not
/// read from documentation: a throwaway console app referencing Microsoft.ML.OnnxRuntime 1.32.0
/// built one-node models (<c>Relu</c> and <c>Add</c> on float tensors) for each <c>ai.onnx</c> opset
/// from 1 to 32, stamped with <see cref="MinIrVersionForOpset"/> of that opset, and created and ran an
/// <c>InferenceSession</c> on each. Opsets 7–28 loaded and ran; 29 and above were refused at load
/// ("ValidateOpsetForDomain"). At opsets 1–6 <c>Add</c> had no kernel (<c>Add(1)</c>, <c>Add(6)</c>)
/// while <c>Relu(6)</c> ran. The same probe found IR versions 3–14 accepted and 15 refused, and
/// <c>ai.onnx.ml</c> opsets up to 5 accepted, 6 refused. (ONNX Runtime 1.31.1, measured the same way,
/// stopped at opset 26 and IR version 13.)
/// </para>
/// <para>
/// Opsets 27 and 28 change no operator the exporter emits: 27 adds <c>CausalConvWithState</c> and
/// <c>LinearAttention</c> and gives <c>Range</c> float16/bfloat16 with a <c>stash_type</c>; 28 adds
/// <c>SwiGLU</c> and widens <c>Celu</c>'s types (ONNX's <c>docs/Changelog.md</c>).
/// </para>
/// <para>
/// The IR table is ONNX's release table (<c>VERSION_TABLE</c> in <c>onnx/helper.py</c>, onnx 1.23.0).
/// </para>
/// </remarks>
public static class OpsetSupport
{
    /// <summary>
    /// The newest <c>ai.onnx</c> opset OnnxKit targets: the newest that ONNX Runtime 1.32.0 loads (28),
    /// which is also the newest in the schema registry.
    /// </summary>
    public const int MaxOpset = 28;

    /// <summary>
    /// The oldest <c>ai.onnx</c> opset OnnxKit exports (7). Opset 7 replaced the legacy broadcasting
    /// attributes with NumPy-style broadcasting, and ONNX Runtime 1.32.0 lacks kernels for many older
    /// operator versions (the probe saw <c>Add</c> refused at opsets 1–6).
    /// The schema registry still covers every opset from 1; only export is bounded by this.
    /// </summary>
    public const int MinOpset = 7;

    /// <summary>The newest <c>ai.onnx.ml</c> opset that ONNX Runtime 1.32.0 loads (5).</summary>
    public const int MaxMlOpset = 5;

    /// <summary>The newest model IR version that ONNX Runtime 1.32.0 loads (14).</summary>
    public const int MaxIrVersion = 14;

    // (ONNX release, IR version, ai.onnx opset) from onnx/helper.py VERSION_TABLE, oldest first;
    // patch releases that changed neither number are left out.
    private static readonly (string Release, int IrVersion, int Opset)[] Releases =
    [
        ("1.0", 3, 1), ("1.1", 3, 5), ("1.1.2", 3, 6), ("1.2", 3, 7), ("1.3", 3, 8),
        ("1.4.1", 4, 9), ("1.5.0", 5, 10), ("1.6.0", 6, 11), ("1.7.0", 7, 12), ("1.8.0", 7, 13),
        ("1.9.0", 7, 14), ("1.10.0", 8, 15), ("1.11.0", 8, 16), ("1.12.0", 8, 17), ("1.13.0", 8, 18),
        ("1.14.0", 9, 19), ("1.15.0", 9, 20), ("1.16.0", 10, 21), ("1.17.0", 10, 22), ("1.18.0", 11, 23),
        ("1.19.0", 12, 24), ("1.20.0", 13, 25), ("1.21.0", 13, 26), ("1.22.0", 13, 27), ("1.23.0", 13, 28),
    ];

    /// <summary>The newest <c>ai.onnx</c> opset in ONNX's release table (28, onnx 1.23.0).</summary>
    public static int NewestKnownOpset => Releases[^1].Opset;

    /// <summary>
    /// The oldest IR version whose ONNX release already defined <c>ai.onnx</c> opset <paramref name="opset"/>;
    /// a model importing that opset must declare at least this IR version.
    /// </summary>
    /// <param name="opset">An <c>ai.onnx</c> opset version, 1 to <see cref="NewestKnownOpset"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="opset"/> is outside the table.</exception>
    public static int MinIrVersionForOpset(int opset)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(opset, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(opset, NewestKnownOpset);
        return Releases.First(release => release.Opset >= opset).IrVersion;
    }

    /// <summary>
    /// The newest <c>ai.onnx</c> opset that a model of IR version <paramref name="irVersion"/> may import,
    /// per ONNX's release table. IR versions newer than the table's newest give <see cref="NewestKnownOpset"/>.
    /// </summary>
    /// <param name="irVersion">A model IR version, 3 or newer (the first ONNX release used IR version 3).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="irVersion"/> is below 3.</exception>
    public static int MaxOpsetForIrVersion(int irVersion)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(irVersion, Releases[0].IrVersion);
        return Releases.Last(release => release.IrVersion <= irVersion).Opset;
    }
}
