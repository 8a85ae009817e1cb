using OnnxKit.Reference.Engine;

namespace OnnxKit.Reference.Kernels.Nn;

/// <summary>
/// The sliding-window arithmetic shared by convolution and pooling: output size from kernel,
/// strides, dilations and pads (explicit or auto_pad, floor or ceil mode), and the table of
/// which input element each kernel tap reads at each output position.
/// </summary>
internal sealed class WindowGeometry
{
    /// <summary>Marks a tap that falls on padding.</summary>
    public const int Padding = -1;

    /// <summary>Marks a tap beyond the padded input (only in ceil mode); pooling ignores it.</summary>
    public const int Outside = -2;

    /// <summary>The node being run: its tensor budget bounds the tap table, and its run's cancellation stops building it.</summary>
    private readonly OpContext context;

    private WindowGeometry(OpContext context, int[] input, int[] kernel, int[] strides, int[] dilations, int[] padsBegin, int[] padsEnd, int[] output)
    {
        this.context = context;
        Input = input;
        Kernel = kernel;
        Strides = strides;
        Dilations = dilations;
        PadsBegin = padsBegin;
        PadsEnd = padsEnd;
        Output = output;
    }

    /// <summary>The input's spatial dims.</summary>
    public int[] Input { get; }

    /// <summary>The kernel's spatial dims.</summary>
    public int[] Kernel { get; }

    /// <summary>The strides.</summary>
    public int[] Strides { get; }

    /// <summary>The dilations.</summary>
    public int[] Dilations { get; }

    /// <summary>Padding before each spatial dim.</summary>
    public int[] PadsBegin { get; }

    /// <summary>Padding after each spatial dim.</summary>
    public int[] PadsEnd { get; }

    /// <summary>The output's spatial dims.</summary>
    public int[] Output { get; }

    /// <summary>Elements of one input plane.</summary>
    public int InputSize => ShapeMath.Product(Input, 0, Input.Length);

    /// <summary>Elements of one output plane.</summary>
    public int OutputSize => ShapeMath.Product(Output, 0, Output.Length);

    /// <summary>Taps of the kernel.</summary>
    public int KernelSize => ShapeMath.Product(Kernel, 0, Kernel.Length);

    /// <summary>Reads the window attributes of a Conv or pooling node for an input of spatial dims <paramref name="input"/>.</summary>
    public static WindowGeometry FromNode(OpContext c, int[] input, int[] kernel, bool ceilMode = false)
    {
        int n = input.Length;
        var strides = Ints(c.Ints("strides"), n, 1, "strides");
        var dilations = Ints(c.Ints("dilations"), n, 1, "dilations");
        var pads = c.Ints("pads") is { } p ? p.Select(v => (int)v).ToArray() : new int[2 * n];
        if (pads.Length != 2 * n) throw new OnnxKitException($"pads has {pads.Length} values for {n} spatial dims.");
        if (kernel.Length != n) throw new OnnxKitException($"kernel_shape has {kernel.Length} dims for {n} spatial dims.");
        if (strides.Any(s => s <= 0) || dilations.Any(d => d <= 0) || kernel.Any(k => k <= 0))
            throw new OnnxKitException("kernel_shape, strides and dilations must be positive.");
        string autoPad = c.String("auto_pad", "NOTSET");
        var output = new int[n];
        var begin = new int[n];
        var end = new int[n];
        for (int i = 0; i < n; i++)
        {
            int span = dilations[i] * (kernel[i] - 1) + 1;
            switch (autoPad)
            {
                case "NOTSET":
                    begin[i] = pads[i];
                    end[i] = pads[i + n];
                    long padded = (long)input[i] + begin[i] + end[i] - span;
                    long count = ceilMode ? CeilDiv(padded, strides[i]) + 1 : FloorDiv(padded, strides[i]) + 1;
                    if (ceilMode && (count - 1) * strides[i] >= input[i] + begin[i]) count--;
                    output[i] = (int)Math.Max(count, 0);
                    break;
                case "SAME_UPPER" or "SAME_LOWER":
                    output[i] = (int)CeilDiv(input[i], strides[i]);
                    int total = Math.Max((output[i] - 1) * strides[i] + span - input[i], 0);
                    begin[i] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
                    end[i] = total - begin[i];
                    break;
                case "VALID":
                    output[i] = (int)Math.Max(FloorDiv(input[i] - span, strides[i]) + 1, 0);
                    break;
                default:
                    throw new OnnxKitException($"auto_pad '{autoPad}' is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID.");
            }
        }
        return new WindowGeometry(c, input, kernel, strides, dilations, begin, end, output);
    }

    /// <summary>
    /// The geometry relating a ConvTranspose's output (<paramref name="output"/>, playing the
    /// convolution's input) to its input (<paramref name="input"/>, playing the convolution's output).
    /// </summary>
    public static WindowGeometry ForTranspose(OpContext c, int[] input, int[] output, int[] kernel, int[] strides, int[] dilations, int[] padsBegin, int[] padsEnd) =>
        new(c, output, kernel, strides, dilations, padsBegin, padsEnd, input);

    /// <summary>
    /// For output position o (row-major over <see cref="Output"/>) and kernel tap t (row-major over
    /// <see cref="Kernel"/>), entry <c>o·KernelSize + t</c>: the input offset read, <see cref="Padding"/> or <see cref="Outside"/>.
    /// The table is held to the run's tensor budget (a kernel far larger than its input, padded to fit, makes
    /// it outputs × kernel entries), and building it stops when the run is cancelled.
    /// </summary>
    public int[] Taps()
    {
        var c = context;
        int n = Input.Length, outSize = OutputSize, kSize = KernelSize;
        long entries = (long)outSize * kSize;
        c.Limits.RequireTensorBytes(entries > int.MaxValue ? long.MaxValue : entries * sizeof(int),
            $"the window table of {c.OpType} ({outSize} outputs × {kSize} kernel taps)");
        var taps = new int[entries];
        var inStrides = ShapeMath.Strides(Input);
        var outIndex = new int[n];
        var kIndex = new int[n];
        for (int o = 0; o < outSize; o++)
        {
            c.Cancellation.ThrowIfCancellationRequested();
            Unravel(o, Output, outIndex);
            for (int t = 0; t < kSize; t++)
            {
                Unravel(t, Kernel, kIndex);
                int offset = 0, state = 0;
                for (int d = 0; d < n; d++)
                {
                    int position = outIndex[d] * Strides[d] - PadsBegin[d] + kIndex[d] * Dilations[d];
                    if (position >= Input[d] + PadsEnd[d]) state = Outside;
                    else if ((position < 0 || position >= Input[d]) && state == 0) state = Padding;
                    offset += position * inStrides[d];
                }
                taps[o * kSize + t] = state != 0 ? state : offset;
            }
        }
        return taps;
    }

    /// <summary>Splits a row-major flat index into coordinates.</summary>
    public static void Unravel(int flat, int[] dims, int[] coordinates)
    {
        for (int d = dims.Length - 1; d >= 0; d--)
        {
            coordinates[d] = flat % dims[d];
            flat /= dims[d];
        }
    }

    private static int[] Ints(long[]? values, int n, int fallback, string name)
    {
        if (values is null) return Enumerable.Repeat(fallback, n).ToArray();
        if (values.Length != n) throw new OnnxKitException($"{name} has {values.Length} values for {n} spatial dims.");
        return values.Select(v => (int)v).ToArray();
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static long CeilDiv(long a, long b) => -FloorDiv(-a, b);
}
