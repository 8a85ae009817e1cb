namespace OnnxKit.Data;

/// <summary>What a <see cref="DataSpec"/> names.</summary>
public enum DataSpecKind
{
    /// <summary>Fashion-MNIST as Debian's <c>dataset-fashion-mnist</c> installs it (<c>fashion-mnist[:train|:test]</c>).</summary>
    FashionMnist,

    /// <summary>An IDX image file (<c>*-images-idx3-ubyte[.gz]</c>) with its labels file beside it.</summary>
    Idx,

    /// <summary>A NumPy <c>.npz</c> archive.</summary>
    Npz,

    /// <summary>A folder: <c>.npy</c> files (an unpacked archive) or images in one sub-folder per class.</summary>
    Folder,

    /// <summary>A CSV table with a header row.</summary>
    Csv,
}
