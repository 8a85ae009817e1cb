using OnnxKit.Ir;

namespace OnnxKit.Training.Gradients.Rules;

/// <summary>Which MaxPool nodes have windows that tile their input without overlap or padding.</summary>
internal static class MaxPoolGeometry
{
    /// <summary>
    /// True for a 2-D MaxPool whose strides equal its kernel, with no padding, dilation,
    /// ceil mode or column-major indices: every input element is in at most one window.
    /// </summary>
    public static bool HasDisjointWindows(Node node)
    {
        var a = node.Attributes;
        var kernel = a.GetInts("kernel_shape");
        if (kernel is not { Count: 2 }) return false;
        var strides = a.GetInts("strides") ?? [1, 1];
        bool unpadded = a.GetString("auto_pad", "NOTSET") is "NOTSET" or "VALID" && (a.GetInts("pads") ?? []).All(p => p == 0);
        bool undilated = (a.GetInts("dilations") ?? []).All(d => d == 1);
        return strides.SequenceEqual(kernel) && unpadded && undilated && a.GetInt("ceil_mode", 0) == 0 && a.GetInt("storage_order", 0) == 0;
    }
}
