namespace OnnxKit.Data;

/// <summary>
/// A labelled (or unlabelled) data set read in batches: an IDX pair, a <c>.npz</c> archive, a
/// folder of <c>.npy</c> files or of images, a CSV table. Sources are opened by
/// <see cref="DataSources.Open"/>; each call of <see cref="ReadBatches"/> is a fresh pass from
/// the first record, so evaluation, calibration and training epochs can read a source again.
/// Values come as stored (pixels as bytes, say); <see cref="Binding.ModelInputBinder"/> applies
/// the <see cref="Preprocessing.PreprocessingOptions"/> and fits them to a model's inputs.
/// </summary>
public interface IDataSource
{
    /// <summary>The file, folder or data set that errors about its records cite: a path, or <c>fashion-mnist:test</c>.</summary>
    string Name { get; }

    /// <summary>What the data is, for reports: <c>fashion-mnist:test (10,000 records)</c>, a path.</summary>
    string Description { get; }

    /// <summary>The number of records, or null when it is known only after a full pass (CSV).</summary>
    long? Count { get; }

    /// <summary>The feature arrays: name, element type and the dims of one record.</summary>
    IReadOnlyList<DataField> Features { get; }

    /// <summary>The label arrays (empty for unlabelled data): name, element type and the dims of one record.</summary>
    IReadOnlyList<DataField> Labels { get; }

    /// <summary>Class names by index, when the data set knows them (Fashion-MNIST's, an image folder's sub-folders).</summary>
    IReadOnlyList<string>? ClassNames { get; }

    /// <summary>
    /// Whether a pass serves the records from memory (no file reading or decoding), so a consumer
    /// gains nothing by reading ahead on another thread. False unless a source says otherwise.
    /// </summary>
    bool InMemory => false;

    /// <summary>
    /// Reads the records in order, <paramref name="batchSize"/> at a time (the last batch may be
    /// smaller). <paramref name="progress"/>, when given, is called on the reading thread after
    /// each batch.
    /// </summary>
    /// <exception cref="DataFormatException">The data is malformed; the message names the file and record.</exception>
    IEnumerable<DataBatch> ReadBatches(int batchSize, IProgress<DataProgress>? progress = null, CancellationToken cancellationToken = default);
}
