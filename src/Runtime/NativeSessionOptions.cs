using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace OnnxKit.Runtime;

/// <summary>
/// Session options that ONNX Runtime's C API has but its managed API does not expose, called
/// through the C API's function table. ONNX Runtime only ever appends to that table, so a
/// function's slot is fixed once released (slots counted from onnxruntime_c_api.h).
/// </summary>
internal static unsafe class NativeSessionOptions
{
    /// <summary>The table version that introduced SetDeterministicCompute (ONNX Runtime 1.17).</summary>
    private const uint ApiVersion = 17;
    private const int GetErrorMessageSlot = 2;
    private const int ReleaseStatusSlot = 93;
    private const int SetDeterministicComputeSlot = 273;

    [DllImport("onnxruntime", CallingConvention = CallingConvention.Winapi)]
    private static extern IntPtr OrtGetApiBase();

    /// <summary>Calls <c>OrtApi::SetDeterministicCompute</c> on the options.</summary>
    public static void SetDeterministicCompute(SessionOptions options, bool value)
    {
        var api = Api();
        var set = (delegate* unmanaged<IntPtr, byte, IntPtr>)api[SetDeterministicComputeSlot];
        bool added = false;
        options.DangerousAddRef(ref added);
        try
        {
            Check(api, set(options.DangerousGetHandle(), value ? (byte)1 : (byte)0));
        }
        finally
        {
            if (added) options.DangerousRelease();
        }
    }

    private static IntPtr* Api()
    {
        var apiBase = (IntPtr*)OrtGetApiBase();
        var getApi = (delegate* unmanaged<uint, IntPtr>)apiBase[0];
        var api = (IntPtr*)getApi(ApiVersion);
        if (api == null) throw new OnnxKitException($"This ONNX Runtime does not offer C API version {ApiVersion}.");
        return api;
    }

    private static void Check(IntPtr* api, IntPtr status)
    {
        if (status == IntPtr.Zero) return;
        var message = Marshal.PtrToStringUTF8(((delegate* unmanaged<IntPtr, IntPtr>)api[GetErrorMessageSlot])(status));
        ((delegate* unmanaged<IntPtr, void>)api[ReleaseStatusSlot])(status);
        throw new OnnxKitException($"ONNX Runtime refused a session option: {message}");
    }
}
