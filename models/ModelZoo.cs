using OnnxKit.Exporter.Networks;
using OnnxKit.Models.Blocks;
using OnnxKit.Models.Composable;
using OnnxKit.Models.Convolutional;
using OnnxKit.Models.Dense;
using OnnxKit.Models.Distillation;
using OnnxKit.Models.Inception;
using OnnxKit.Models.Mobile;
using OnnxKit.Models.Residual;

namespace OnnxKit.Models;

/// <summary>
/// The model zoo: 32 networks written in the DSL, by name (described in docs/model-zoo.md). Models are
/// channels-first (the DSL's layout); <see cref="ModelInfo.SourceInput"/> gives the reference's
/// channels-last shape, which an export with channels-last input accepts directly.
/// </summary>
public static class ModelZoo
{
    private const ZooOption Image = ZooOption.ImageSize | ZooOption.Classes;

    /// <summary>Every model, grouped by family as docs/model-zoo.md lists them.</summary>
    public static IReadOnlyList<ModelInfo> All { get; } =
    [
        new("dnn-regressor", "House-price regressor 13-10-10-1, ReLU as separate layers (261 parameters).", "Deep Learning by Design, ch. 1", "(13,)", ZooOption.None, DnnModels.Regressor),
        new("binary-classifier", "Credit-card fraud classifier 13-10-10-1 with a sigmoid output.", "Deep Learning by Design, ch. 1", "(13,)", ZooOption.None, DnnModels.Binary),
        new("multiclass-classifier", "Age-group classifier 4-10-10-5 with softmax.", "Deep Learning by Design, ch. 1", "(4,)", ZooOption.Classes, DnnModels.MultiClass),
        new("multilabel-classifier", "Multi-label classifier 3-10-10-7 with sigmoids (5 age + 2 gender).", "Deep Learning by Design, ch. 1", "(3,)", ZooOption.None, DnnModels.MultiLabel),
        new("multioutput-classifier", "Multi-task model 3-10-10 with two softmax heads (age, gender).", "Deep Learning by Design, ch. 1", "(3,)", ZooOption.None, DnnModels.MultiOutput),
        new("mnist-mlp", "MNIST MLP Flatten-512-512-10 (669,706 parameters).", "Deep Learning by Design, ch. 1", "(28, 28)", ZooOption.Classes, MnistMlpModels.Mlp512),
        new("mnist-mlp-dropout", "The MNIST MLP with Dropout(0.5) after each hidden layer.", "Deep Learning by Design, ch. 1", "(28, 28)", ZooOption.Classes, MnistMlpModels.Mlp512Dropout),
        new("mnist-mlp-64", "Functional MNIST MLP 784-64-64-10 (55,050 parameters).", "Keras functional API guide", "(784,)", ZooOption.Classes, MnistMlpModels.Mlp64),
        new("mnist-mlp-128", "TF2 MNIST model Flatten-128-10 (101,770 parameters).", "Hands-On Computer Vision with TensorFlow 2", "(28, 28)", ZooOption.Classes, MnistMlpModels.Mlp128),
        new("residual-mlp", "MLP with a residual connection 784-64-32-64(+)-10 (55,082 parameters).", "OnnxKit", "(784,)", ZooOption.Classes, MnistMlpModels.Residual),
        new("sign-cnn", "Basic CNN for 26 hand-sign letters, 128×128 grayscale (8,402,618 parameters).", "Deep Learning by Design, ch. 2", "(128, 128, 1)", Image, SmallCnnModels.SignCnn),
        new("lenet5", "LeNet-5 (61,706 parameters on 28×28; 82,826 on 32×32).", "LeCun et al. 1998; Hands-On Computer Vision with TensorFlow 2", "(28, 28, 1)", Image, SmallCnnModels.LeNet5),
        new("small-cnn", "One 5×5 convolution, max-pool and Dense 10 (46,922 parameters).", "Hands-On Computer Vision with TensorFlow 2", "(28, 28, 1)", Image, SmallCnnModels.SmallCnn),
        new("vgg16", "VGG16 (138,357,544 parameters; 14,714,688 without top).", "Simonyan & Zisserman 2014", "(224, 224, 3)", Image | ZooOption.IncludeTop, VggModels.Vgg16),
        new("vgg19", "VGG19 (143,667,240 parameters).", "Simonyan & Zisserman 2014", "(224, 224, 3)", Image | ZooOption.IncludeTop, VggModels.Vgg19),
        new("resnet34-book", "Deep Learning by Design's ResNet34-style network with stride-2 transition blocks (21,542,376 parameters).", "Deep Learning by Design, ch. 3", "(224, 224, 3)", Image, ResNet34Book.Build),
        new("resnet50-v1", "ResNet50 v1, bottleneck blocks with post-activation BN (25,636,712 parameters).", "He et al. 2015; keras.applications", "(224, 224, 3)", Image | ZooOption.IncludeTop, ResNet50.V1),
        new("resnet50-v1.5", "ResNet50 v1.5: the projection block strides its 3×3 convolution.", "He et al. 2015, stride on the 3×3", "(224, 224, 3)", Image | ZooOption.IncludeTop, ResNet50.V15),
        new("resnet50-v2", "ResNet50 v2, pre-activation, as keras.applications.ResNet50V2 (25,613,800 parameters).", "He et al. 2016; keras.applications", "(224, 224, 3)", Image | ZooOption.IncludeTop, ResNet50V2.Build),
        new("naive-inception", "Naive inception block: 1×1, 3×3, 5×5 convolutions and a max-pool, concatenated (2016·D + 224 parameters).", "Szegedy et al. 2014", "(28, 28, D), D = 192", ZooOption.ImageSize | ZooOption.Channels, InceptionModels.NaiveBlock),
        new("googlenet", "GoogLeNet / Inception v1 with the paper's module table, no auxiliary heads (6,998,552 parameters).", "Szegedy et al. 2014", "(224, 224, 3)", Image, InceptionModels.GoogLeNet),
        new("mobilenet-v1", "MobileNet v1 as keras.applications.MobileNet (4,253,864 parameters).", "Howard et al. 2017; keras.applications", "(224, 224, 3)", Image, MobileNetModels.V1),
        new("mobilenet-v2", "MobileNet v2 as keras.applications.MobileNetV2 (3,538,984 parameters).", "Sandler et al. 2018; keras.applications", "(224, 224, 3)", Image, MobileNetModels.V2),
        new("densenet-small", "A small DenseNet-BC: growth 12, three blocks of four bottleneck layers, for 32×32 images.", "Huang et al. 2016 (DenseNet-BC)", "(32, 32, 3)", Image, DenseNetSmall.Build),
        new("composable-stem-classifier", "Composable stem + classifier models, no learner (1,354 parameters).", "Deep Learning by Design, ch. 4", "(32, 32, 3)", Image, o => ComposableModels.Build(o, ComposableModels.BlockKind.None)),
        new("composable-maxpool-learner", "Stem + learner of max-pooling blocks + classifier (243,530 parameters).", "Deep Learning by Design, ch. 4", "(32, 32, 3)", Image, o => ComposableModels.Build(o, ComposableModels.BlockKind.MaxPool)),
        new("composable-featurepool-learner", "Stem + learner of feature-pooling (stride-2 conv) blocks + classifier (576,906 parameters).", "Deep Learning by Design, ch. 4", "(32, 32, 3)", Image, o => ComposableModels.Build(o, ComposableModels.BlockKind.FeaturePool)),
        new("gaussian-filter", "Fixed, non-trainable 3×3 Gaussian depthwise filter on every channel.", "OnnxKit", "(64, 64, 3)", ZooOption.ImageSize | ZooOption.Channels, BlockModels.GaussianFilter),
        new("threshold-block", "The 'threshold with gradient flow' Lambda block (equals Clip to [0.25, 0.75]).", "OnnxKit", "(32, 32, 3)", ZooOption.ImageSize, BlockModels.Threshold),
        new("distillation-teacher", "Distillation teacher: the averaged logits of an ensemble of three MNIST CNNs.", "Hinton et al. 2015", "(28, 28, 1)", Image, DistillationModels.Teacher),
        new("distillation-student", "Distillation student: one small CNN producing logits.", "Hinton et al. 2015", "(28, 28, 1)", Image, DistillationModels.Student),
        new("distillation-student-wide", "Distillation student, 4× wider: the same CNN with 32 filters (54,410 parameters).", "Hinton et al. 2015", "(28, 28, 1)", Image, DistillationModels.WideStudent),
        new("distillation-student-mlp", "Distillation student, fully connected and unregularized: Flatten-100-100-10 (89,610 parameters).", "Hinton et al. 2015", "(28, 28, 1)", Image, DistillationModels.MlpStudent),
        new("batchnorm-example", "Batch normalization after a convolution and a Dense layer, 4,294,989,824 parameters (~17 GB; exports with external data).", "Deep Learning by Design, ch. 3", "(128, 128, 3)", ZooOption.ImageSize, BlockModels.BatchNormExample) { IsHuge = true },
    ];

    /// <summary>The model named <paramref name="name"/>.</summary>
    public static ModelInfo Get(string name) => All.FirstOrDefault(m => m.Name == name)
        ?? throw new OnnxKitException($"No zoo model named '{name}'. Known models: {string.Join(", ", All.Select(m => m.Name))}.");

    /// <summary>Builds the model named <paramref name="name"/>.</summary>
    public static Network Create(string name, ZooOptions? options = null) => Get(name).Create(options);

    /// <summary>
    /// Options that keep <paramref name="name"/> small enough for test suites: the image models
    /// whose weights run to hundreds of megabytes at 32×32 (the same layers; only the first Dense
    /// after Flatten shrinks), the 4.3-billion-parameter BatchNorm example at 4×4, every other
    /// model as it is.
    /// </summary>
    public static ZooOptions CompactOptions(string name) =>
        CompactImageSizes.TryGetValue(name, out int size) ? new ZooOptions { ImageSize = size } : new ZooOptions();

    private static readonly Dictionary<string, int> CompactImageSizes = new()
    {
        ["sign-cnn"] = 32, ["vgg16"] = 32, ["vgg19"] = 32, ["resnet34-book"] = 32, ["resnet50-v1"] = 32,
        ["resnet50-v1.5"] = 32, ["resnet50-v2"] = 32, ["googlenet"] = 32, ["mobilenet-v1"] = 32,
        ["mobilenet-v2"] = 32, ["batchnorm-example"] = 4,
    };
}
