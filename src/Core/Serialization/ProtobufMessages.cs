using Google.Protobuf;

namespace OnnxKit.Serialization;

/// <summary>Rephrases protobuf's parse errors for people who did not write the parser.</summary>
internal static class ProtobufMessages
{
    public static string Explain(InvalidProtocolBufferException e)
    {
        string m = e.Message;
        if (m.Contains("truncated", StringComparison.OrdinalIgnoreCase)) return "the file ends in the middle of a record (truncated or not a model).";
        if (m.Contains("levels of nesting", StringComparison.OrdinalIgnoreCase)) return "records are nested too deeply (over protobuf's limit of 100 levels).";
        if (m.Contains("wire type", StringComparison.OrdinalIgnoreCase)) return "a field has the wrong wire type (corrupted, or not a model file).";
        if (m.Contains("invalid tag", StringComparison.OrdinalIgnoreCase)) return "a field has an invalid tag (corrupted, or not a model file).";
        return m;
    }
}
