using OnnxKit.Data.Binding;
using OnnxKit.Data.Preprocessing;
using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Serialization.NumPy;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Data.Tests;

public sealed class ModelInputBinderTests : IDisposable
{
    private readonly TempFolder folder = new();

    private static TensorSpec Input(string name, DataType type, params object[] dims) =>
        new(name, type, new Shape(dims.Select(d => d is string s ? Dim.Named(s) : Dim.Of(Convert.ToInt64(d, System.Globalization.CultureInfo.InvariantCulture)))));

    /// <summary>Two records of <paramref name="dims"/> bytes counting up from 0 (record r, element i holds r·size + i).</summary>
    private IDataSource Bytes(params long[] dims)
    {
        long size = dims.Aggregate(1L, (a, b) => a * b);
        var data = Enumerable.Range(0, (int)(2 * size)).Select(i => (byte)i).ToArray();
        string path = folder.File($"bytes{Guid.NewGuid():N}.npz");
        NpzFile.Write(path, [new("x", new DenseTensor(DataType.UInt8, [2, .. dims], data, "x")), new("y", DenseTensor.FromInt64s([1, 0], [2]))]);
        return DataSources.Open(DataSpec.Parse(path));
    }

    [Fact]
    public void Grayscale_images_gain_a_channel_axis_for_a_channels_first_input_and_are_scaled()
    {
        var source = Bytes(2, 3);
        var binder = ModelInputBinder.Create(source, [Input("image", DataType.Float, "batch", 1, 2, 3)], new PreprocessingOptions { Scale = 0.5 });

        var input = binder.Bind(source.ReadBatches(2).Single())["image"];

        Assert.Equal([2L, 1, 2, 3], input.Dims);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i * 0.5f), input.ToArray<float>());
        Assert.Equal("x → image[1,2,3]: scale 0.5, channels first", binder.Bindings.Single().ToString());
    }

    [Fact]
    public void Bytes_are_converted_and_scaled_alike_by_the_vectors_and_the_scalar_tail()
    {
        // Two records of 3,001 bytes: 6,002 values, every byte value many times, and a tail after the last whole vector (6,002
        // is no multiple of 64, 32 or 16 bytes; 6,000 is a multiple of 16, which left 16-byte vectors no tail).
        var source = Bytes(3001);
        var binder = ModelInputBinder.Create(source, [Input("x", DataType.Float, "N", 3001)], new PreprocessingOptions { Scale = 1 / 255.0 });
        foreach (bool reuse in new[] { false, true })
        {
            var values = binder.Bind(source.ReadBatches(2).Single(), reuse)["x"].ToArray<float>();
            Assert.Equal(Enumerable.Range(0, 6002).Select(i => (byte)i * (float)(1 / 255.0)), values);
        }
    }

    [Fact]
    public void Float_inputs_lie_on_the_boundary_onnx_runtime_reads_in_place()
    {
        var source = Bytes(2, 3);
        var binder = ModelInputBinder.Create(source, [Input("image", DataType.Float, "batch", 1, 2, 3)], new PreprocessingOptions { Scale = 0.5 });
        foreach (int size in new[] { 1, 2 })
        {
            using var pin = binder.Bind(source.ReadBatches(size).First())["image"].GetRawData().Pin();
            unsafe
            {
                Assert.Equal(0, (nint)pin.Pointer % 64);
            }
        }
    }

    [Fact]
    public void Reused_buffers_lie_on_the_boundary_grow_with_the_batch_and_are_rented_again_after_disposal()
    {
        var source = Bytes(2, 3);
        var binder = ModelInputBinder.Create(source, [Input("image", DataType.Float, "batch", 1, 2, 3)], new PreprocessingOptions { Scale = 0.5 });
        for (int pass = 0; pass < 2; pass++)
        {
            foreach (int size in new[] { 1, 2, 1 })
            {
                var input = binder.Bind(source.ReadBatches(size).First(), reuseBuffers: true)["image"];
                Assert.Equal(Enumerable.Range(0, 6 * size).Select(i => i * 0.5f), input.ToArray<float>());
                using var pin = input.GetRawData().Pin();
                unsafe
                {
                    Assert.Equal(0, (nint)pin.Pointer % 64);
                }
            }
            binder.Dispose(); // the buffers go back to the pool; binding again rents new ones
        }
        binder.Dispose(); // twice is harmless
    }

    [Fact]
    public void Images_are_flattened_for_a_dense_input()
    {
        var source = Bytes(2, 3);
        var binder = ModelInputBinder.Create(source, [Input("flat", DataType.Float, "n", 6)]);
        var input = binder.Bind(source.ReadBatches(2).Single())["flat"];
        Assert.Equal([2L, 6], input.Dims);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (float)i), input.ToArray<float>());
    }

    [Fact]
    public void Rgb_records_are_transposed_to_channels_first_and_normalized_per_channel()
    {
        var source = Bytes(1, 2, 3); // H=1, W=2, C=3: pixel p channel c holds 3p + c (+6 for record 1)
        var options = new PreprocessingOptions { Mean = [0, 1, 2], Std = [1, 2, 4] };
        var binder = ModelInputBinder.Create(source, [Input("image", DataType.Float, "N", 3, 1, 2)], options);

        var values = binder.Bind(source.ReadBatches(2).Single())["image"].ToArray<float>();

        // Record 0, channels first: c0 = [0, 3], c1 = [1, 4], c2 = [2, 5]; then (v - mean[c]) / std[c].
        Assert.Equal([0f, 3f, 0f, 1.5f, 0f, 0.75f], values[..6]);
    }

    [Fact]
    public void Rgb_becomes_grayscale_with_bt601_weights()
    {
        var source = Bytes(1, 1, 3);
        var binder = ModelInputBinder.Create(source, [Input("gray", DataType.Float, "N", 1, 1, 1)]);
        var values = binder.Bind(source.ReadBatches(2).Single())["gray"].ToArray<float>();
        Assert.Equal(0.299 * 0 + 0.587 * 1 + 0.114 * 2, values[0], 5);
        Assert.Equal(0.299 * 3 + 0.587 * 4 + 0.114 * 5, values[1], 5);
    }

    [Fact]
    public void Resizing_takes_the_model_size_with_half_pixel_bilinear_sampling()
    {
        var source = Bytes(2, 2);
        var binder = ModelInputBinder.Create(source, [Input("x", DataType.Float, "N", 4, 4, 1)], new PreprocessingOptions { Resize = new ImageSize(4, 4) });
        var values = binder.Bind(source.ReadBatches(2).Single())["x"].ToArray<float>();
        // Source [[0,1],[2,3]]; row 0 samples source row 0 at x = -0.25→0, 0.25, 0.75, 1.25→1.
        Assert.Equal([0f, 0.25f, 0.75f, 1f], values[..4]);
        Assert.Equal([2f, 2.25f, 2.75f, 3f], values[12..16]);
    }

    [Fact]
    public void A_size_mismatch_without_resize_names_the_array_the_input_and_both_shapes()
    {
        var source = Bytes(2, 2);
        var error = Assert.Throws<DataFormatException>(() => ModelInputBinder.Create(source, [Input("image", DataType.Float, "N", 1, 28, 28)]));
        Assert.Contains("array 'x' has records [2,2] but model input 'image' takes [1,28,28]", error.Message);
        Assert.Contains("--resize 28x28", error.Message);
        Assert.Equal(source.Name, error.File);
    }

    [Fact]
    public void An_unfittable_shape_is_reported()
    {
        var source = Bytes(5);
        var error = Assert.Throws<DataFormatException>(() => ModelInputBinder.Create(source, [Input("v", DataType.Float, "N", 7)]));
        Assert.Contains("array 'x' has records [5] but model input 'v' takes [7]", error.Message);
    }

    [Fact]
    public void Values_are_converted_to_the_input_element_type()
    {
        var source = Bytes(3);
        var binder = ModelInputBinder.Create(source, [Input("h", DataType.Float16, "N", 3)]);
        var tensor = binder.Bind(source.ReadBatches(2).Single())["h"];
        Assert.Equal(DataType.Float16, tensor.DataType);
        Assert.Equal([0.0, 1, 2, 3, 4, 5], tensor.ToDoubleArray());
    }

    [Fact]
    public void Several_inputs_take_the_arrays_of_their_names()
    {
        string path = folder.File("two.npz");
        NpzFile.Write(path, [new("a", DenseTensor.FromFloats([1, 2], [2, 1])), new("b", DenseTensor.FromFloats([3, 4, 5, 6], [2, 2]))]);
        var source = DataSources.Open(DataSpec.Parse(path));
        var binder = ModelInputBinder.Create(source, [Input("b", DataType.Float, "N", 2), Input("a", DataType.Float, "N", 1)]);
        var inputs = binder.Bind(source.ReadBatches(8).Single());
        Assert.Equal([3f, 4, 5, 6], inputs["b"].ToArray<float>());
        Assert.Equal([1f, 2], inputs["a"].ToArray<float>());
        Assert.Contains("matches no data array", Assert.Throws<DataFormatException>(() =>
            ModelInputBinder.Create(source, [Input("c", DataType.Float, "N", 2), Input("a", DataType.Float, "N", 1)])).Message);
    }

    [Fact]
    public void One_hot_labels_on_request_and_out_of_range_labels_name_the_record()
    {
        var source = Bytes(3);
        var batch = source.ReadBatches(2).Single();
        var binder = ModelInputBinder.Create(source, [Input("v", DataType.Float, "N", 3)], new PreprocessingOptions { OneHotClasses = 2 });
        Assert.Equal([0f, 1, 1, 0], binder.BindLabels(batch)["y"].ToArray<float>());

        var narrow = ModelInputBinder.Create(source, [Input("v", DataType.Float, "N", 3)], new PreprocessingOptions { OneHotClasses = 1 + 1 });
        Assert.NotNull(narrow);
        var error = Assert.Throws<DataFormatException>(() => Labels.LabelEncoding.ToClassIndices(batch.DefaultLabels!, 1, source.Name, batch.Start));
        Assert.Equal(0, error.Record);
        Assert.Contains("label 1 is outside the 1 classes", error.Message);
    }

    [Fact]
    public void Invalid_options_are_refused() =>
        Assert.Throws<ArgumentException>(() => ModelInputBinder.Create(Bytes(3), [Input("v", DataType.Float, "N", 3)], new PreprocessingOptions { Std = [0] }));

    public void Dispose() => folder.Dispose();
}
