using System.Globalization;
using System.Text;

namespace OnnxKit.Ir;

/// <summary>Short human-readable renderings of attribute values, for printing and tools.</summary>
public static class AttributeFormatter
{
    /// <summary>Formats the value, abbreviating long lists and tensors.</summary>
    public static string Format(Attribute attribute) => attribute.Value switch
    {
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        long i => i.ToString(CultureInfo.InvariantCulture),
        byte[] s => "\"" + Encoding.UTF8.GetString(s) + "\"",
        float[] fs => List(fs.Select(f => f.ToString("R", CultureInfo.InvariantCulture))),
        long[] ls => List(ls.Select(l => l.ToString(CultureInfo.InvariantCulture))),
        byte[][] ss => List(ss.Select(s => "\"" + Encoding.UTF8.GetString(s) + "\"")),
        ITensor t => $"tensor({t.DataType.OnnxName()}){TensorDims.Format(t.Dims)}",
        Graph g => $"graph({g.Name})",
        Graph[] gs => List(gs.Select(g => $"graph({g.Name})")),
        ITensor[] ts => List(ts.Select(t => $"tensor({t.DataType.OnnxName()}){TensorDims.Format(t.Dims)}")),
        OnnxType type => type.ToString(),
        OnnxType[] types => List(types.Select(t => t.ToString())),
        SparseTensor st => $"sparse_tensor{TensorDims.Format(st.Dims)}",
        SparseTensor[] sts => List(sts.Select(st => $"sparse_tensor{TensorDims.Format(st.Dims)}")),
        null => "<unset>",
        var other => other.ToString() ?? "",
    };

    private static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        return all.Count <= 8 ? "[" + string.Join(",", all) + "]" : "[" + string.Join(",", all.Take(8)) + $",... ({all.Count} items)]";
    }
}
