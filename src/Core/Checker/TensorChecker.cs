using OnnxKit.Ir;
using OnnxKit.Serialization;
using OnnxKit.Serialization.Proto;

namespace OnnxKit.Checker;

/// <summary>
/// Checks that a tensor's stored data fits its element type and dims (dense tensors) and that a sparse
/// tensor's values, indices and dims agree, as ONNX's checker does for initializers and attributes.
/// </summary>
internal sealed class TensorChecker(ProblemList problems)
{
    /// <summary>Reports the first problem with <paramref name="tensor"/>'s data, if any; true when it has none.</summary>
    public bool Check(ITensor tensor, string location)
    {
        string? problem = DataProblem(tensor);
        if (problem is null) return true;
        problems.Error(location, ProblemCodes.TensorData, $"{Describe(tensor.Name)} {problem}");
        return false;
    }

    public void CheckSparse(SparseTensor sparse, string location)
    {
        void Fail(string message) => problems.Error(location, ProblemCodes.SparseTensorData, $"sparse {Describe(sparse.Name)} {message}");

        if (!Check(sparse.Values, location)) return;
        if (sparse.Values.Dims.Count != 1)
        {
            Fail($"has values of rank {sparse.Values.Dims.Count}; they must be a 1-D list.");
            return;
        }
        long nnz = sparse.Values.Dims[0];
        if (sparse.Dims.Count == 0)
        {
            Fail("has no dims; a sparse tensor needs rank 1 or more.");
            return;
        }
        if (sparse.Dims.Any(d => d <= 0))
        {
            Fail($"has dims {TensorDims.Format(sparse.Dims)}; every dimension must be positive.");
            return;
        }
        if (sparse.Indices is not { } indices)
        {
            if (nnz != 0) Fail($"has {nnz} values but no indices.");
            return;
        }
        if (!Check(indices, location)) return;
        if (indices.DataType != DataType.Int64)
        {
            Fail($"has indices of type {indices.DataType.OnnxName()}; they must be int64.");
            return;
        }
        if (SparseIndexProblem(sparse, indices, nnz) is { } problem) Fail(problem);
    }

    private static string Describe(string? name) => string.IsNullOrEmpty(name) ? "tensor" : $"tensor '{name}'";

    private static string? SparseIndexProblem(SparseTensor sparse, ITensor indices, long nnz)
    {
        var dims = sparse.Dims;
        bool linear = indices.Dims.Count == 1;
        if (!linear && indices.Dims.Count != 2) return $"has indices of rank {indices.Dims.Count}; they must be [NNZ] or [NNZ, rank].";
        if (indices.Dims[0] != nnz) return $"has {indices.Dims[0]} index entries for {nnz} values.";
        if (!linear && indices.Dims[1] != dims.Count) return $"has index tuples of length {indices.Dims[1]} for rank {dims.Count}.";

        long denseSize;
        try { denseSize = dims.Aggregate(1L, (product, d) => checked(product * d)); }
        catch (OverflowException) { return $"has dims {TensorDims.Format(dims)} too large to index."; }

        var index = indices.ToInt64Array();
        long previous = -1;
        for (long i = 0; i < nnz; i++)
        {
            long linearIndex;
            if (linear)
            {
                linearIndex = index[i];
                if (linearIndex < 0 || linearIndex >= denseSize) return $"has index {linearIndex} at position {i}, outside [0, {denseSize}).";
            }
            else
            {
                linearIndex = 0;
                for (int j = 0; j < dims.Count; j++)
                {
                    long component = index[i * dims.Count + j];
                    if (component < 0 || component >= dims[j]) return $"has index {component} at position [{i},{j}], outside [0, {dims[j]}).";
                    linearIndex = linearIndex * dims[j] + component;
                }
            }
            if (linearIndex <= previous) return $"has indices out of order at position {i}; they must be strictly increasing.";
            previous = linearIndex;
        }
        return null;
    }

    private static string? DataProblem(ITensor tensor)
    {
        if (!DataTypeInfo.IsDefined((int)tensor.DataType))
            return tensor.DataType == DataType.Undefined ? "has no element type." : $"has element type {(int)tensor.DataType}, which ONNX does not define.";
        switch (tensor)
        {
            case ProtoTensor proto:
                return FieldProblem(proto) ?? proto.DataProblem();
            case IStreamableTensor or StringTensor:
                return null; // sized by construction (and external data validated when loaded); never read here
            default:
                if (tensor.DataType == DataType.String) return null;
                long expected = tensor.DataType.ByteCount(tensor.ElementCount);
                int actual = tensor.GetRawData().Length;
                return actual == expected ? null : $"holds {actual} bytes but {tensor.DataType.OnnxName()}{TensorDims.Format(tensor.Dims)} needs {expected}.";
        }
    }

    /// <summary>ONNX's rules on which data fields a stored tensor may fill, beyond what <see cref="ProtoTensor.DataProblem"/> checks.</summary>
    private static string? FieldProblem(ProtoTensor tensor)
    {
        var proto = tensor.Proto;
        var filled = new List<string>(1);
        if (proto.FloatData.Count > 0) filled.Add("float_data");
        if (proto.Int32Data.Count > 0) filled.Add("int32_data");
        if (proto.StringData.Count > 0) filled.Add("string_data");
        if (proto.Int64Data.Count > 0) filled.Add("int64_data");
        if (tensor.RawDataLength > 0) filled.Add("raw_data");
        if (proto.DoubleData.Count > 0) filled.Add("double_data");
        if (proto.Uint64Data.Count > 0) filled.Add("uint64_data");

        if (tensor.External is not null || (proto.HasDataLocation && proto.DataLocation == TensorProto.Types.DataLocation.External))
            return filled.Count == 0 ? null : $"is stored externally but also has data in {filled[0]}.";
        if (tensor.ElementCount == 0 && filled.Count > 0) return $"has no elements but has data in {filled[0]}.";
        if (filled.Count > 1) return $"has data in more than one field ({string.Join(", ", filled)}).";
        if (tensor.DataType == DataType.String && filled is ["raw_data"]) return "is a string tensor with raw_data; strings must be in string_data.";
        return null;
    }
}
