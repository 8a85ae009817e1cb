namespace OnnxKit.Models.Tests;

/// <summary>Every parameter count of docs/model-zoo.md, from the zoo models (Keras's counting rules).</summary>
public sealed class ParameterCountTests
{
    [Theory]
    [InlineData("dnn-regressor", 261, 0)]
    [InlineData("binary-classifier", 261, 0)]
    [InlineData("multiclass-classifier", 215, 0)]
    [InlineData("multilabel-classifier", 227, 0)]
    [InlineData("multioutput-classifier", 227, 0)]
    [InlineData("mnist-mlp", 669_706, 0)]
    [InlineData("mnist-mlp-dropout", 669_706, 0)]
    [InlineData("mnist-mlp-64", 55_050, 0)]
    [InlineData("residual-mlp", 55_082, 0)]
    [InlineData("mnist-mlp-128", 101_770, 0)]
    [InlineData("sign-cnn", 8_402_618, 0)]
    [InlineData("lenet5", 61_706, 0)]
    [InlineData("small-cnn", 46_922, 0)]
    [InlineData("vgg16", 138_357_544, 0)]
    [InlineData("vgg19", 143_667_240, 0)]
    [InlineData("resnet34-book", 21_542_376, 0)]
    [InlineData("resnet50-v1", 25_636_712, 53_120)]
    [InlineData("resnet50-v1.5", 25_636_712, 53_120)]
    [InlineData("resnet50-v2", 25_613_800, 45_440)]
    [InlineData("googlenet", 6_998_552, 0)]
    [InlineData("naive-inception", 2016 * 192 + 224, 0)]
    [InlineData("composable-stem-classifier", 1_354, 64)]
    [InlineData("composable-maxpool-learner", 243_530, 704)]
    [InlineData("composable-featurepool-learner", 576_906, 1_344)]
    [InlineData("batchnorm-example", 4_294_989_824, 8_320)]
    [InlineData("mobilenet-v1", 4_253_864, 21_888)]
    [InlineData("mobilenet-v2", 3_538_984, 34_112)]
    public void TotalsMatchTheZooPage(string name, long total, long nonTrainable)
    {
        var model = ModelZoo.Create(name);
        Assert.Equal(total, model.ParameterCount);
        Assert.Equal(nonTrainable, model.NonTrainableParameterCount);
        Assert.Contains($"Total params: {total:N0}", model.Summary().Replace('\u00a0', ','));
    }

    [Fact]
    public void LeNetWithSamePaddingAt32PixelsHas82826()
    {
        Assert.Equal(82_826, ModelZoo.Create("lenet5", new ZooOptions { ImageSize = 32 }).ParameterCount);
        var flatten = ModelZoo.Create("lenet5", new ZooOptions { ImageSize = 32 }).Sublayers.Single(l => l.TypeName == "Flatten");
        Assert.Equal([576L], flatten.Calls[0].Outputs[0].Shape);
    }

    [Fact]
    public void HeadlessVariantsMatch()
    {
        var vgg = ModelZoo.Create("vgg16", new ZooOptions { IncludeTop = false });
        Assert.Equal(14_714_688, vgg.ParameterCount);
        Assert.Equal([512L, 7, 7], vgg.Outputs[0].Shape);
        var resnet = ModelZoo.Create("resnet50-v1", new ZooOptions { IncludeTop = false });
        Assert.Equal(23_587_712, resnet.ParameterCount);
        Assert.Equal(53_120, resnet.NonTrainableParameterCount);
        Assert.Equal([2048L, 7, 7], resnet.Outputs[0].Shape);
    }

    [Fact]
    public void Vgg16With10000ClassesHas175230544() =>
        Assert.Equal(175_230_544, ModelZoo.Create("vgg16", new ZooOptions { Classes = 10_000 }).ParameterCount);

    [Fact]
    public void Vgg16PerLayerCountsMatchTheTable()
    {
        var model = ModelZoo.Create("vgg16");
        long[] convs = model.Sublayers.Where(l => l.TypeName == "Conv2D").Select(l => l.ParameterCount).ToArray();
        Assert.Equal([1_792L, 36_928, 73_856, 147_584, 295_168, 590_080, 590_080, 1_180_160, 2_359_808, 2_359_808, 2_359_808, 2_359_808, 2_359_808], convs);
        long[] dense = model.Sublayers.Where(l => l.TypeName == "Dense").Select(l => l.ParameterCount).ToArray();
        Assert.Equal([102_764_544L, 16_781_312, 4_097_000], dense);
        Assert.Equal([25_088L], model.Sublayers.Single(l => l.TypeName == "Flatten").Calls[0].Outputs[0].Shape);
    }

    [Theory]
    [InlineData(1, 2_240)]
    [InlineData(3, 6_272)]
    [InlineData(192, 387_296)]
    public void NaiveInceptionBlockHas2016DPlus224(int channels, long expected)
    {
        var model = ModelZoo.Create("naive-inception", new ZooOptions { Channels = channels });
        Assert.Equal(expected, model.ParameterCount);
        Assert.Equal(224 + channels, model.Outputs[0].Shape[0]);
    }

    [Theory]
    [InlineData(64, 71_552)]
    [InlineData(128, 282_368)]
    [InlineData(256, 1_121_792)]
    [InlineData(512, 4_471_808)]
    public void ResNet50IdentityBlocks(int filters, long expected)
    {
        var input = Exporter.Layers.Input(4 * filters, 7, 7);
        var model = new Exporter.Networks.FunctionalModel(input, Residual.ResNet50.IdentityBlock(input, filters));
        Assert.Equal(expected, model.ParameterCount);
    }

    [Fact]
    public void ResNet50StageOutputs()
    {
        var model = ModelZoo.Create("resnet50-v1");
        var stageOutputs = model.Sublayers.OfType<Exporter.StandardLayers.Add>()
            .Select(a => a.Calls[0].Outputs[0].Shape).Distinct(new ShapeComparer()).ToArray();
        Assert.Equal([[256L, 56, 56], [512L, 28, 28], [1024L, 14, 14], [2048L, 7, 7]], stageOutputs);
    }

    [Fact]
    public void BookResNet34ShrinksSixteenfoldPerTransition()
    {
        var model = ModelZoo.Create("resnet34-book");
        var sizes = model.Sublayers.OfType<Exporter.StandardLayers.Add>().Select(a => a.Calls[0].Outputs[0].Shape[1]).Distinct();
        Assert.Equal([56L, 14, 4, 1], sizes);
    }

    [Fact]
    public void SmallDenseNetMatchesItsFormula()
    {
        // Stem 3·9·24; per bottleneck layer with c input channels: BN 4c + conv c·48 + BN 4·48 + conv 48·9·12;
        // transitions: BN 4c + conv c·(c/2); head BN 4c + Dense c·10 + 10.
        long k = 12, c = 24, total = 3 * 9 * 24;
        for (int block = 0; block < 3; block++)
        {
            for (int layer = 0; layer < 4; layer++)
            {
                total += 4 * c + c * 4 * k + 4 * 4 * k + 4 * k * 9 * k;
                c += k;
            }
            if (block < 2)
            {
                total += 4 * c + c * (c / 2);
                c /= 2;
            }
        }
        total += 4 * c + c * 10 + 10;
        var model = ModelZoo.Create("densenet-small");
        Assert.Equal(total, model.ParameterCount);
    }

    [Fact]
    public void GaussianFilterIsNonTrainableAndFilledOnEveryChannel()
    {
        var model = ModelZoo.Create("gaussian-filter", new ZooOptions { Channels = 4 });
        Assert.Equal(9 * 4, model.ParameterCount);
        Assert.Equal(9 * 4, model.NonTrainableParameterCount);
        var kernel = model.Weights.Single().ToFloats();
        for (int channel = 0; channel < 4; channel++) Assert.Equal(kernel[..9], kernel[(channel * 9)..((channel + 1) * 9)]);
        Assert.Equal(1.0, kernel[..9].Sum(), 5);
    }

    [Fact]
    public void TeacherAveragesThreeNestedCnns()
    {
        var teacher = ModelZoo.Create("distillation-teacher");
        Assert.Equal(3, teacher.Sublayers.Count(l => l.TypeName == "Functional"));
        Assert.Equal([10L], teacher.Outputs[0].Shape);
        Assert.True(ModelZoo.Create("distillation-student").ParameterCount * 10 < teacher.ParameterCount);
    }

    /// <summary>
    /// The counts docs/distillation.md and docs/model-zoo.md give: Conv k@3×3 (9k + k) on 28×28,
    /// 2×2 max-pool to 13×13×k, Dense 10 (169k·10 + 10); both students within the bound of a
    /// tenth of the teacher's parameters.
    /// </summary>
    [Theory]
    [InlineData("distillation-student", 8, 13_610)]
    [InlineData("distillation-student-wide", 32, 54_410)]
    public void StudentsHaveTheDocumentedParameterCountsWithinATenthOfTheTeacher(string name, int width, long documented)
    {
        long teacher = ModelZoo.Create("distillation-teacher").ParameterCount;
        long student = ModelZoo.Create(name).ParameterCount;
        Assert.Equal(941_694, teacher);
        Assert.Equal(10 * width + 13 * 13 * width * 10 + 10, student);
        Assert.Equal(documented, student);
        Assert.True(student * 10 <= teacher, $"{name}: {student:N0} parameters is more than a tenth of the teacher's {teacher:N0}");
    }

    /// <summary>
    /// The fully connected student's count as docs/distillation.md gives it: 784·100 + 100, 100·100 + 100,
    /// 100·10 + 10; within a tenth of the teacher's parameters; Flatten and three Dense layers, no dropout (the student is
    /// meant to overfit the labels).
    /// </summary>
    [Fact]
    public void MlpStudentHasTheDocumentedParameterCountWithinATenthOfTheTeacherAndNoDropout()
    {
        long teacher = ModelZoo.Create("distillation-teacher").ParameterCount;
        var student = ModelZoo.Create("distillation-student-mlp");
        Assert.Equal(784 * 100 + 100 + 100 * 100 + 100 + 100 * 10 + 10, student.ParameterCount);
        Assert.Equal(89_610, student.ParameterCount);
        Assert.True(student.ParameterCount * 10 <= teacher, $"{student.ParameterCount:N0} parameters is more than a tenth of the teacher's {teacher:N0}");
        Assert.Equal(["Flatten", "Dense", "Dense", "Dense"], student.Sublayers.Select(l => l.TypeName));
        Assert.Equal([10L], student.Outputs[0].Shape);
    }

    [Fact]
    public void UnsupportedOptionsAndUnknownNamesAreRefused()
    {
        var error = Assert.Throws<OnnxKitException>(() => ModelZoo.Create("dnn-regressor", new ZooOptions { ImageSize = 32 }));
        Assert.Contains("dnn-regressor", error.Message);
        Assert.Contains("ImageSize", error.Message);
        Assert.Contains("vgg16", Assert.Throws<OnnxKitException>(() => ModelZoo.Get("vgg-16")).Message);
    }

    private sealed class ShapeComparer : IEqualityComparer<IReadOnlyList<long>>
    {
        public bool Equals(IReadOnlyList<long>? x, IReadOnlyList<long>? y) => x!.SequenceEqual(y!);
        public int GetHashCode(IReadOnlyList<long> obj) => obj.Aggregate(17, (h, v) => h * 31 + v.GetHashCode());
    }
}
