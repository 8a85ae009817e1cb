using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Verification;
using OnnxKit.Serialization;

namespace OnnxKit.Optimizer.Conversion;

/// <summary>
/// Converts a model file to another opset: loads it, converts it with <see cref="OpsetConverter"/>, runs the
/// original and the result on the same seeded inputs and backend, and writes the result atomically only when
/// their outputs agree; a conversion that cannot be compared (a custom-domain node no backend runs) is refused unless
/// verification is off. The input file is only read.
/// </summary>
public static class ModelFileConverter
{
    /// <summary>Runs <paramref name="request"/>.</summary>
    /// <exception cref="OnnxKitException">
    /// The paths collide, the model is already at the target opset, a node has no equivalent
    /// (<see cref="ConversionException"/>), the converted model computes something else, or it could not be verified.
    /// </exception>
    public static FileConversionReport Convert(ConvertFileRequest request)
    {
        string input = Path.GetFullPath(request.InputPath), output = Path.GetFullPath(request.OutputPath);
        if (output == input) throw new OnnxKitException($"Writing '{request.OutputPath}' would overwrite the input model; choose another output path.");
        var model = OnnxFile.Load(input);
        if (model.OpsetVersion("") == request.Options.TargetOpset && (request.Options.IrVersion ?? model.IrVersion) == model.IrVersion)
            throw new OnnxKitException($"'{request.InputPath}' already imports ai.onnx opset {request.Options.TargetOpset}; nothing to convert, nothing written.");

        var result = OpsetConverter.Convert(model, request.Options);
        var notes = result.Notes.ToList();
        VerificationResult? verification = null;
        if (request.VerifyInputSets > 0)
        {
            var sets = VerificationInputs.Create(model, request.VerifyInputSets, request.Seed, new Dictionary<string, ITensor>(), ShapeOverrides.None, notes, out string? unavailable);
            if (sets is not null) verification = new ModelVerifier(model, request.VerificationBackend, sets, request.Tolerance).Verify(result.Model);
            if ((sets is null ? unavailable : verification!.NotRunBecause) is { } why)
                throw new OnnxKitException($"The model converted to opset {request.Options.TargetOpset} could not be verified: {why}" +
                    (notes.Count > 0 ? $" ({string.Join("; ", notes)})" : "") + "; nothing written. Convert without verification (--verify 0) to write it unverified.");
            if (!verification!.Passed)
                throw new OnnxKitException($"The model converted to opset {request.Options.TargetOpset} computes something else ({verification.Summary}); nothing written.");
        }
        OnnxFile.Save(result.Model, output);
        return new FileConversionReport(input, output, result.SourceOpset, result.TargetOpset, result.SourceIrVersion, result.IrVersion, result.Steps, notes, result.Fused, verification);
    }
}
