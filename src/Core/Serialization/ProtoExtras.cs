using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace OnnxKit.Serialization;

/// <summary>
/// Remembers, per IR object, the protobuf fields that the IR does not model (fields
/// unknown to our .proto), and puts them back when the object is written, so that
/// loading and saving a model keeps them. Held weakly: an IR object that is
/// dropped takes its extras with it.
/// </summary>
internal static class ProtoExtras
{
    private static readonly ConditionalWeakTable<object, UnknownFieldSet> Unknown = new();

    public static void Remember<[DynamicallyAccessedMembers(UnknownFields.Kept)] T>(object irObject, T source) where T : IMessage
    {
        if (UnknownFields.Get(source) is { } fields) Unknown.AddOrUpdate(irObject, fields);
    }

    /// <summary>Gives <paramref name="copy"/> the extras of <paramref name="original"/> (for deep copies of the IR).</summary>
    public static void Copy(object original, object copy)
    {
        if (Unknown.TryGetValue(original, out var fields)) Unknown.AddOrUpdate(copy, fields);
    }

    public static void Restore<[DynamicallyAccessedMembers(UnknownFields.Kept)] T>(object irObject, T target) where T : IMessage
    {
        if (Unknown.TryGetValue(irObject, out var fields)) UnknownFields.Set(target, fields);
    }
}
