namespace OnnxKit.Ir;

/// <summary>
/// A tensor whose bytes can be read sequentially without holding them all in memory:
/// external tensors, and tensors generated on the fly (too large for one buffer).
/// Savers stream such tensors into external data files.
/// </summary>
public interface IStreamableTensor : ITensor
{
    /// <summary>Opens the packed little-endian data for sequential reading.</summary>
    Stream OpenRead();
}
