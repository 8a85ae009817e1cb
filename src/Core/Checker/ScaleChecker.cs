using OnnxKit.Ir;

namespace OnnxKit.Checker;

/// <summary>
/// Refuses constant scale factors of Resize and Upsample that are not finite positive numbers. ONNX
/// requires each scale to be greater than 0; a NaN or infinite scale makes an output size that cannot be
/// computed, and runtimes that try (the reference evaluator, ONNX Runtime's shape inference) loop or
/// allocate without bound rather than fail. Scales computed at run time are checked by the kernels.
/// </summary>
internal sealed class ScaleChecker(ProblemList problems)
{
    /// <summary>Checks <paramref name="node"/> when it is a Resize or Upsample; <paramref name="opset"/> is the ai.onnx version that selects its signature.</summary>
    public void Check(Node node, string path, long? opset)
    {
        if (!node.IsDefaultDomain || node.OpType is not ("Resize" or "Upsample")) return;
        if (node.OpType == "Upsample" && opset is < 9)
        {
            if (node.Attributes["scales"] is { Type: AttributeType.Floats, Value: float[] attribute })
                Report(path, node.OpType, "attribute 'scales'", Array.ConvertAll(attribute, v => (double)v));
            return;
        }
        // Resize-10 and Upsample-9 take (X, scales); Resize-11 and later (X, roi, scales, sizes).
        int index = node.OpType == "Resize" && opset is null or >= 11 ? 2 : 1;
        if (index >= node.Inputs.Count || StaticValues.Tensor(node.Inputs[index]) is not { } tensor) return;
        if (tensor.DataType is not (DataType.Float or DataType.Double or DataType.Float16 or DataType.BFloat16)) return;
        if (tensor.ElementCount > 64) return; // one scale per axis: anything longer is reported by shape checks
        double[] scales;
        try
        {
            scales = tensor.ToDoubleArray();
        }
        catch (OnnxKitException)
        {
            return; // data that does not fit its dims is reported by the tensor rules
        }
        Report(path, node.OpType, $"input '{node.Inputs[index]!.Name}'", scales);
    }

    private void Report(string path, string opType, string what, double[] scales)
    {
        int bad = Array.FindIndex(scales, s => !double.IsFinite(s) || s <= 0);
        if (bad < 0) return;
        problems.Error(path, ProblemCodes.ScaleOutOfRange,
            $"the {opType}'s scales ({what}) have {scales[bad].ToString(System.Globalization.CultureInfo.InvariantCulture)} at position {bad}; every scale must be a finite number greater than 0.");
    }
}
