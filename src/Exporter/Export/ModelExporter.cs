using System.Reflection;
using System.Text.Json;
using OnnxKit.Exporter.Lowering;
using OnnxKit.Exporter.Networks;
using OnnxKit.Inspection;
using OnnxKit.Ir;
using OnnxKit.Schemas;
using OnnxKit.Serialization;

namespace OnnxKit.Exporter.Export;

/// <summary>
/// Turns a model into an ONNX <see cref="Model"/>: graph inputs with a symbolic or fixed
/// batch dimension, every layer call lowered at the target opset, outputs named after their
/// layers, the oldest IR version that allows the opset, and producer metadata.
/// </summary>
internal static class ModelExporter
{
    /// <summary>The producer name written into exported models.</summary>
    public const string ProducerName = "OnnxKit";

    public static Model Export(Network network, ExportOptions options) => Export(network, options, streamWeightsFrom: null);

    /// <summary>
    /// Builds the model; weights of at least <paramref name="streamWeightsFrom"/> bytes are
    /// generated while they are written instead of being held in memory.
    /// </summary>
    private static Model Export(Network network, ExportOptions options, long? streamWeightsFrom)
    {
        if (options.Opset < OpsetSupport.MinOpset || options.Opset > OpsetSupport.MaxOpset)
            throw new OnnxKitException($"Opset {options.Opset} is not supported for export; choose {OpsetSupport.MinOpset}–{OpsetSupport.MaxOpset} (the newest ONNX Runtime loads).");
        if (options.BatchSize is <= 0) throw new OnnxKitException($"Batch size {options.BatchSize} must be positive.");
        Dim batch = options.BatchSize is long fixedBatch ? Dim.Of(fixedBatch) : Dim.Named(options.BatchDimensionName);

        var graph = new Graph(network.Name);
        var builder = new OnnxGraphBuilder(graph, options.Opset, options.Seed, options.ChannelsLast, batch, streamWeightsFrom);
        var values = new Dictionary<SymbolicTensor, Value>();
        foreach (var input in network.Inputs) values[input] = AddInput(graph, builder, input, options.ChannelsLast);
        CallLowering.Lower(builder, network.Graph.Calls, values, options.Cancellation);
        foreach (var output in network.Outputs) graph.Outputs.Add(AddOutput(graph, builder, output, values[output], options.ChannelsLast));
        // value_info describes intermediate values only.
        graph.ValueInfo.RemoveAll(v => graph.Outputs.Contains(v) || graph.Inputs.Contains(v));

        int irVersion = OpsetSupport.MinIrVersionForOpset(options.Opset);
        // IR version 3 (opsets 7 and 8) requires every initializer to be listed as a graph input.
        if (irVersion < 4) graph.Inputs.AddRange(graph.Initializers);

        var model = new Model(graph, irVersion, [new OpsetImport("", options.Opset)])
        {
            ProducerName = ProducerName,
            ProducerVersion = typeof(ModelExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0",
            ModelVersion = options.ModelVersion,
            Domain = options.Domain,
            DocString = options.DocString ?? $"{network.Name}: {network.TypeName} model exported by OnnxKit at opset {options.Opset}.",
        };
        model.Metadata.Add(new("onnxkit.layout", options.ChannelsLast ? "channels_last" : "channels_first"));
        model.Metadata.Add(new("onnxkit.seed", options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var layerTypes = network.Graph.Layers.Where(l => l is not StandardLayers.InputLayer).ToDictionary(l => l.Name, l => l.TypeName);
        model.Metadata.Add(new(ModelSummarizer.LayerTypesKey, JsonSerializer.Serialize(layerTypes)));
        model.Metadata.Add(new(ModelSummarizer.NonTrainableKey, JsonSerializer.Serialize(network.Weights.Where(w => !w.IsTrainable).Select(w => w.FullName))));
        foreach (var entry in options.Metadata) model.Metadata.Add(entry);
        return model;
    }

    public static ExportedFiles Save(Network network, string path, ExportOptions options)
    {
        // When weights will go to an external data file (asked for, or needed to stay under
        // protobuf's limit), the large ones are streamed into it rather than held in memory.
        // Each weight is sized before anything is exported or written: an image size of 999,999 makes a
        // LeNet's first Dense kernel 480 GB, which would otherwise fill the disk through a temporary file.
        long weightBytes = 0;
        foreach (var weight in network.Weights)
        {
            long bytes = checked(weight.ElementCount * sizeof(float));
            options.Limits.RequireTensorBytes(bytes, $"weight '{weight.FullName}' float[{string.Join(",", weight.Shape)}]");
            weightBytes += bytes;
        }
        bool external = options.ExternalData == ExternalDataMode.External
            || (options.ExternalData == ExternalDataMode.Auto && weightBytes > OnnxFile.ProtobufLimit - AutoExternalMargin);
        long threshold = Math.Max(options.ExternalDataThreshold, 1);
        var model = Export(network, options, external ? threshold : null);
        var mode = external ? ExternalDataMode.External : options.ExternalData;
        options.Cancellation.ThrowIfCancellationRequested();
        OnnxFile.Save(model, path, new SaveOptions { ExternalData = mode, SizeThreshold = threshold, Cancellation = options.Cancellation });
        bool wroteData = mode == ExternalDataMode.External && network.Weights.Any(w => w.ElementCount * sizeof(float) >= threshold);
        string full = Path.GetFullPath(path);
        return new ExportedFiles(full, wroteData ? full + ".data" : null);
    }

    /// <summary>Room left for the graph itself when deciding whether weights fit inline (as <see cref="OnnxFile"/> does).</summary>
    private const long AutoExternalMargin = 64L << 20;

    private static bool IsImage(SymbolicTensor tensor) => tensor.Shape.Count == 3;

    private static Value AddInput(Graph graph, OnnxGraphBuilder builder, SymbolicTensor input, bool channelsLast)
    {
        var shape = input.Shape.ToArray();
        bool transpose = channelsLast && IsImage(input);
        if (transpose) shape = [shape[1], shape[2], shape[0]];
        string name = input.Layer.Name;
        builder.TryReserveName(name);
        var value = new Value(name, new TensorType(input.DataType, new Shape([builder.BatchDim, .. shape.Select(d => Dim.Of(d))])));
        graph.Inputs.Add(value);
        if (!transpose) return value;
        builder.BeginBoundary(name);
        var nchw = builder.Transpose(value, 0, 3, 1, 2);
        nchw.Type = CallLowering.TypeOf(input, builder);
        return nchw;
    }

    private static Value AddOutput(Graph graph, OnnxGraphBuilder builder, SymbolicTensor output, Value value, bool channelsLast)
    {
        builder.BeginBoundary(output.Layer.Name);
        if (channelsLast && IsImage(output))
        {
            string name = value.Name;
            value.Name = builder.UniqueName(name + "_nchw");
            var nhwc = builder.Transpose(value, 0, 2, 3, 1);
            nhwc.Name = name;
            var s = output.Shape;
            nhwc.Type = new TensorType(output.DataType, new Shape([builder.BatchDim, Dim.Of(s[1]), Dim.Of(s[2]), Dim.Of(s[0])]));
            return nhwc;
        }
        // A graph output must be produced by a node of this graph and appear once.
        if (value.Producer is null || graph.Outputs.Contains(value))
        {
            var copy = builder.Identity(value);
            copy.Type = CallLowering.TypeOf(output, builder);
            return copy;
        }
        return value;
    }
}
