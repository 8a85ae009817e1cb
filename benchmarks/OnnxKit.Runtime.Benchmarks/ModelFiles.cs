using OnnxKit.Runtime.Tests.TestSupport;
using OnnxKit.Serialization;

namespace OnnxKit.Runtime.Benchmarks;

/// <summary>Writes the benchmark models, so the native program loads exactly the same files.</summary>
internal static class ModelFiles
{
    public static int Write(string directory)
    {
        Directory.CreateDirectory(directory);
        OnnxFile.Save(RuntimeTestModels.AddOne(), Path.Combine(directory, "add_one.onnx"));
        OnnxFile.Save(RuntimeTestModels.SmallCnn(), Path.Combine(directory, "small_cnn.onnx"));
        Console.WriteLine($"wrote add_one.onnx and small_cnn.onnx to {directory}");
        return 0;
    }
}
