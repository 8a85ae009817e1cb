using OnnxKit.Ir;
using OnnxKit.Runtime;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;
using Xunit.Abstractions;

namespace OnnxKit.Tests.Serialization;

/// <summary>
/// A model we saved must compute exactly what the original computes. For every
/// conformance case, the test inputs are baked into the model as initializers,
/// the model is saved with all initializer data in an external file, and ONNX
/// Runtime runs it; its outputs must be bit-identical to ONNX Runtime's outputs for
/// the original model fed the same inputs. This exercises every element type the
/// cases use through our tensor writer and the external-data path. ONNX Runtime runs through
/// the execution contract, with its own graph optimizations off.
/// </summary>
public sealed class SavedModelExecutionTests(ITestOutputHelper output)
{
    [SharedDataFact(SharedData.BackendNodeFolder)]
    public void ModelsWithInputsBakedIntoExternalInitializersGiveIdenticalOutputs()
    {
        using var dir = new TempFolder();
        int compared = 0, externalized = 0, notRunnable = 0, unsupportedInputs = 0;
        var mismatches = new List<string>();
        foreach (var path in SharedData.BackendModels())
        {
            string caseName = Path.GetFileName(Path.GetDirectoryName(path))!;
            var model = OnnxFile.Load(path);
            var inputs = ReadInputs(Path.GetDirectoryName(path)!, model);
            if (inputs is null)
            {
                unsupportedInputs++;
                continue;
            }
            byte[][]? expected = Run(path, inputs);
            if (expected is null)
            {
                notRunnable++;
                continue;
            }

            BakeInputs(model, inputs);
            string saved = dir.File(caseName + ".onnx");
            // The default 1 KiB threshold keeps small tensors inline: ONNX Runtime cannot read shape-like
            // inputs of some ops (AffineGrid's size, window lengths) from external data during its shape inference.
            OnnxFile.Save(model, saved, new SaveOptions { ExternalData = ExternalDataMode.External, Alignment = 64 });
            externalized += File.Exists(saved + ".data") ? 1 : 0;
            byte[][]? actual = Run(saved, []);
            if (actual is null || actual.Length != expected.Length || !expected.Zip(actual).All(p => p.First.AsSpan().SequenceEqual(p.Second)))
                mismatches.Add(caseName);
            compared++;
        }
        output.WriteLine($"compared {compared} models ({externalized} with external data); {notRunnable} not runnable by ONNX Runtime's CPU provider; {unsupportedInputs} with non-tensor or string inputs");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} differ: {string.Join(", ", mismatches.Take(30))}");
        Assert.True(compared >= 1000, $"only {compared} models compared");
        Assert.True(externalized >= 200, $"only {externalized} models had external data");
    }

    /// <summary>Makes each input an initializer holding its test value (IR 4+ lets initializers stand alone).</summary>
    private static void BakeInputs(Model model, List<(string Name, ITensor Tensor)> inputs)
    {
        model.IrVersion = Math.Max(model.IrVersion, 4);
        foreach (var (name, tensor) in inputs)
        {
            var input = model.Graph.Inputs.Single(v => v.Name == name);
            model.Graph.Inputs.Remove(input);
            input.ConstValue = new DenseTensor(tensor.DataType, tensor.Dims, tensor.GetRawData().ToArray(), name);
            model.Graph.Initializers.Add(input);
        }
    }

    private static List<(string Name, ITensor Tensor)>? ReadInputs(string caseDir, Model model)
    {
        var names = model.Graph.Inputs.Where(v => !model.Graph.Initializers.Contains(v.Name)).ToList();
        var result = new List<(string, ITensor)>();
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i].Type is not TensorType) return null;
            string file = Path.Combine(caseDir, "test_data_set_0", $"input_{i}.pb");
            if (!File.Exists(file)) return null;
            var tensor = TensorProtoFile.Read(file);
            if (tensor.DataType == DataType.String) return null;
            result.Add((names[i].Name, tensor));
        }
        return result;
    }

    /// <summary>Runs the model file at <paramref name="path"/>; every output's bytes in graph order, or null when ONNX Runtime cannot load or run it.</summary>
    private static byte[][]? Run(string path, List<(string Name, ITensor Tensor)> inputs)
    {
        try
        {
            using var session = OnnxRuntimeBackend.AsWritten.Open(path);
            var outputs = session.Run(inputs.ToDictionary(i => i.Name, i => i.Tensor));
            return session.Outputs.Select(o => Bytes(outputs[o.Name])).ToArray();
        }
        catch (OnnxKitException)
        {
            return null;
        }
    }

    /// <summary>A tensor's data as bytes: the raw data, or for strings each element's length and UTF-8 bytes.</summary>
    private static byte[] Bytes(ITensor tensor) => tensor.DataType != DataType.String ? tensor.GetRawData().ToArray()
        : tensor.ToStrings().SelectMany(s => BitConverter.GetBytes(s.Length).Concat(s)).ToArray();
}
