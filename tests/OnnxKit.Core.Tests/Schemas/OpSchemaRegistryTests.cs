using OnnxKit.Ir;
using OnnxKit.Schemas;

namespace OnnxKit.Tests.Schemas;

public sealed class OpSchemaRegistryTests
{
    private static readonly OpSchemaRegistry Registry = OpSchemaRegistry.Default;

    [Fact]
    public void Conv_versions_1_11_and_22_exist_with_declared_attribute_kinds()
    {
        var versions = Registry.Versions("", "Conv").Select(schema => schema.SinceVersion);
        Assert.Equal([1, 11, 22], versions);

        foreach (var since in new[] { 1, 11, 22 })
        {
            var conv = Registry.Find("", "Conv", since)!;
            Assert.Equal(since, conv.SinceVersion);
            Assert.Equal(AttributeType.String, conv.FindAttribute("auto_pad")!.Type);
            Assert.Equal("NOTSET", conv.FindAttribute("auto_pad")!.DefaultValue);
            Assert.Equal(AttributeType.Int, conv.FindAttribute("group")!.Type);
            Assert.Equal("1", conv.FindAttribute("group")!.DefaultValue);
            foreach (var listAttribute in new[] { "dilations", "kernel_shape", "pads", "strides" })
            {
                var attribute = conv.FindAttribute(listAttribute)!;
                Assert.Equal(AttributeType.Ints, attribute.Type);
                Assert.False(attribute.Required);
                Assert.Null(attribute.DefaultValue);
            }

            Assert.Equal(["X", "W", "B"], conv.Inputs.Select(input => input.Name));
            Assert.Equal(FormalParameterOption.Optional, conv.Inputs[2].Option);
            Assert.Equal((2, 3), (conv.MinInputs, conv.MaxInputs));
        }
    }

    [Fact]
    public void Find_returns_the_newest_version_not_above_the_imported_opset()
    {
        Assert.Equal(1, Registry.Find("", "Softmax", 10)!.SinceVersion);
        Assert.Equal(11, Registry.Find("", "Softmax", 11)!.SinceVersion);
        Assert.Equal(11, Registry.Find("", "Softmax", 12)!.SinceVersion);
        Assert.Equal(13, Registry.Find("", "Softmax", 13)!.SinceVersion);
        Assert.Equal(13, Registry.Find("", "Softmax", 1000)!.SinceVersion);
    }

    [Fact]
    public void Find_is_null_before_an_operator_was_introduced()
    {
        Assert.Equal(17, Registry.Versions("", "LayerNormalization")[0].SinceVersion);
        Assert.Null(Registry.Find("", "LayerNormalization", 16));
        Assert.Equal(17, Registry.Find("", "LayerNormalization", 17)!.SinceVersion);
    }

    [Fact]
    public void Unknown_operators_and_domains_give_nothing()
    {
        Assert.Null(Registry.Find("", "NoSuchOperator", 21));
        Assert.Null(Registry.Find("com.microsoft", "FusedConv", 1));
        Assert.Null(Registry.Find("", "conv", 21));
        Assert.Empty(Registry.Versions("", "NoSuchOperator"));
        Assert.Empty(Registry.OpNames("com.microsoft"));
        Assert.False(Registry.IsKnownDomain("com.microsoft"));
        Assert.Null(Registry.NewestOpset("com.microsoft"));
    }

    [Fact]
    public void Ai_onnx_and_the_empty_string_name_the_same_domain()
    {
        Assert.Same(Registry.Find("", "Relu", 14), Registry.Find("ai.onnx", "Relu", 14));
        Assert.Equal(Registry.OpNames(""), Registry.OpNames("ai.onnx"));
        Assert.True(Registry.IsKnownDomain("ai.onnx"));
        Assert.Equal("", Registry.Find("ai.onnx", "Relu", 14)!.Domain);
    }

    [Fact]
    public void Known_domains_and_their_newest_opsets()
    {
        Assert.Equal(["", "ai.onnx.ml", "ai.onnx.preview", "ai.onnx.preview.training"], Registry.Domains);
        Assert.Equal(28, Registry.NewestOpset(""));
        Assert.Equal(5, Registry.NewestOpset("ai.onnx.ml"));
        Assert.Equal(1, Registry.NewestOpset("ai.onnx.preview.training"));
        Assert.Equal(1, Registry.NewestOpset("ai.onnx.preview"));
    }

    [Fact]
    public void Clip_11_has_one_required_and_two_optional_inputs()
    {
        var clip = Registry.Find("", "Clip", 11)!;
        Assert.Equal(11, clip.SinceVersion);
        Assert.Equal(
            [FormalParameterOption.Single, FormalParameterOption.Optional, FormalParameterOption.Optional],
            clip.Inputs.Select(input => input.Option));
        Assert.Equal((1, 3), (clip.MinInputs, clip.MaxInputs));
        Assert.Equal((1, 1), (clip.MinOutputs, clip.MaxOutputs));
        Assert.Empty(clip.Attributes);
    }

    [Fact]
    public void Clip_6_float_defaults_are_plain_numbers()
    {
        var clip = Registry.Find("", "Clip", 6)!;
        Assert.Equal("3.402823e+38", clip.FindAttribute("max")!.DefaultValue);
        Assert.Equal("-3.402823e+38", clip.FindAttribute("min")!.DefaultValue);
    }

    [Fact]
    public void Concat_takes_a_homogeneous_variadic_input()
    {
        var concat = Registry.Find("", "Concat", 13)!;
        var inputs = Assert.Single(concat.Inputs);
        Assert.Equal(FormalParameterOption.Variadic, inputs.Option);
        Assert.True(inputs.IsHomogeneous);
        Assert.Equal("T", inputs.TypeStr);
        Assert.Equal((1, OpSchema.Unbounded), (concat.MinInputs, concat.MaxInputs));
        Assert.True(concat.FindAttribute("axis")!.Required);
    }

    [Fact]
    public void Loop_carries_heterogeneous_variadic_state()
    {
        var loop = Registry.Find("", "Loop", 21)!;
        var state = loop.Inputs[^1];
        Assert.Equal(FormalParameterOption.Variadic, state.Option);
        Assert.False(state.IsHomogeneous);
        Assert.Equal(AttributeType.Graph, loop.FindAttribute("body")!.Type);
        Assert.True(loop.FindAttribute("body")!.Required);
    }

    [Fact]
    public void Resize_mode_defaults_to_nearest()
    {
        foreach (var since in new[] { 10, 11, 13, 18, 19 })
        {
            var mode = Registry.Find("", "Resize", since)!.FindAttribute("mode")!;
            Assert.Equal(AttributeType.String, mode.Type);
            Assert.Equal("nearest", mode.DefaultValue);
            Assert.False(mode.Required);
        }
    }

    [Fact]
    public void Dropout_12_has_optional_ratio_and_training_mode()
    {
        var dropout = Registry.Find("", "Dropout", 12)!;
        Assert.Equal(12, dropout.SinceVersion);
        Assert.Equal(["data", "ratio", "training_mode"], dropout.Inputs.Select(input => input.Name));
        Assert.Equal(["T", "T1", "T2"], dropout.Inputs.Select(input => input.TypeStr));
        Assert.Equal((1, 3), (dropout.MinInputs, dropout.MaxInputs));
        Assert.Equal(["output", "mask"], dropout.Outputs.Select(output => output.Name));
        Assert.Equal((1, 2), (dropout.MinOutputs, dropout.MaxOutputs));
        Assert.Equal(AttributeType.Int, dropout.FindAttribute("seed")!.Type);
        Assert.Equal(["tensor(bool)"], dropout.FindTypeConstraint("T2")!.AllowedTypes);
    }

    [Fact]
    public void Deprecated_versions_are_flagged_and_govern_later_opsets()
    {
        var upsample10 = Registry.Find("", "Upsample", 10)!;
        Assert.True(upsample10.Deprecated);
        Assert.Equal(10, upsample10.SinceVersion);
        Assert.Same(upsample10, Registry.Find("", "Upsample", 21));
        Assert.False(Registry.Find("", "Upsample", 9)!.Deprecated);
        Assert.True(Registry.Find("", "Scatter", 11)!.Deprecated);
        Assert.False(Registry.Find("", "Scatter", 10)!.Deprecated);
    }

    [Fact]
    public void Ml_domain_has_tree_ensemble_classifier()
    {
        Assert.Contains("TreeEnsembleClassifier", Registry.OpNames("ai.onnx.ml"));
        var classifier = Registry.Find("ai.onnx.ml", "TreeEnsembleClassifier", 3)!;
        Assert.Equal(3, classifier.SinceVersion);
        Assert.Equal("ai.onnx.ml", classifier.Domain);
        Assert.Equal(AttributeType.Strings, classifier.FindAttribute("nodes_modes")!.Type);
        Assert.Equal(AttributeType.Tensor, classifier.FindAttribute("nodes_values_as_tensor")!.Type);
        Assert.Equal("NONE", classifier.FindAttribute("post_transform")!.DefaultValue);
        Assert.True(Registry.Find("ai.onnx.ml", "TreeEnsembleClassifier", 5)!.Deprecated);
    }

    [Fact]
    public void Map_types_in_constraints_are_kept_whole()
    {
        var zipMap = Registry.Find("ai.onnx.ml", "ZipMap", 1)!;
        Assert.Equal(["seq(map(string, float))", "seq(map(int64, float))"], zipMap.FindTypeConstraint("T")!.AllowedTypes);
    }

    [Fact]
    public void Rare_attribute_kinds_are_recognised()
    {
        Assert.Equal(AttributeType.SparseTensor, Registry.Find("", "Constant", 13)!.FindAttribute("sparse_value")!.Type);
        Assert.Equal(AttributeType.TypeProto, Registry.Find("", "Optional", 15)!.FindAttribute("type")!.Type);
        Assert.Equal(AttributeType.Floats, Registry.Find("", "Constant", 13)!.FindAttribute("value_floats")!.Type);
        Assert.Equal(AttributeType.Strings, Registry.Find("", "LSTM", 14)!.FindAttribute("activations")!.Type);
    }

    [Fact]
    public void Versions_are_oldest_first_and_operator_names_sorted()
    {
        foreach (var domain in Registry.Domains)
        {
            var names = Registry.OpNames(domain).ToList();
            Assert.Equal(names.Order(StringComparer.Ordinal), names);
            foreach (var name in names)
            {
                var since = Registry.Versions(domain, name).Select(schema => schema.SinceVersion).ToList();
                Assert.NotEmpty(since);
                Assert.Equal(since.Order(), since);
                Assert.Equal(since.Count, since.Distinct().Count());
            }
        }
    }

    [Fact]
    public void Every_formal_parameter_type_is_a_constraint_or_a_concrete_type()
    {
        foreach (var schema in AllSchemas().Where(schema => !schema.Deprecated))
        {
            foreach (var parameter in schema.Inputs.Concat(schema.Outputs))
            {
                var isConstraint = schema.FindTypeConstraint(parameter.TypeStr) is not null;
                var isConcrete = parameter.TypeStr.Contains('(');
                Assert.True(isConstraint || isConcrete, $"{schema}: {parameter.Name} has type '{parameter.TypeStr}'");
            }

            Assert.True(schema.MinInputs <= schema.MaxInputs, schema.ToString());
            Assert.True(schema.MinOutputs <= schema.MaxOutputs, schema.ToString());
        }
    }

    [Fact]
    public void Default_is_one_instance_across_threads()
    {
        var instances = new OpSchemaRegistry[16];
        Parallel.For(0, instances.Length, i => instances[i] = OpSchemaRegistry.Default);
        Assert.All(instances, instance => Assert.Same(instances[0], instance));
    }

    [Fact]
    public void A_custom_registry_indexes_given_schemas_and_rejects_duplicates()
    {
        var v1 = new OpSchema { Domain = "ai.onnx", Name = "MyOp", SinceVersion = 1 };
        var v5 = new OpSchema { Domain = "ai.onnx", Name = "MyOp", SinceVersion = 5 };
        var registry = new OpSchemaRegistry([v5, v1]);
        Assert.Same(v1, registry.Find("", "MyOp", 4));
        Assert.Same(v5, registry.Find("ai.onnx", "MyOp", 5));
        Assert.Equal("", v5.Domain);
        Assert.Equal("MyOp-5", v5.ToString());
        Assert.Equal("ai.onnx.ml.Scaler-1", OpSchemaRegistry.Default.Find("ai.onnx.ml", "Scaler", 1)!.ToString());

        var sameVersionInDefaultDomain = new OpSchema { Domain = "", Name = "MyOp", SinceVersion = 1 };
        Assert.Throws<ArgumentException>(() => new OpSchemaRegistry([v1, sameVersionInDefaultDomain]));
    }

    private static IEnumerable<OpSchema> AllSchemas() =>
        Registry.Domains.SelectMany(domain => Registry.OpNames(domain).SelectMany(name => Registry.Versions(domain, name)));
}
