using System.Collections.Concurrent;
using System.Reflection;
using Google.Protobuf;

namespace OnnxKit.Serialization;

/// <summary>
/// Carries protobuf fields that our .proto does not define (written by newer or
/// foreign tools) from a parsed message to the message we write, so a load/save
/// round trip loses nothing. Google.Protobuf keeps such fields in a private
/// <c>_unknownFields</c> member of every generated class and exposes no accessor,
/// so this reads and writes that member by reflection (cached per type).
/// </summary>
internal static class UnknownFields
{
    private static readonly ConcurrentDictionary<Type, FieldInfo?> Fields = new();

    /// <summary>The unknown fields of <paramref name="message"/>, or null when it has none.</summary>
    public static UnknownFieldSet? Get(IMessage message) => (UnknownFieldSet?)Field(message.GetType())?.GetValue(message);

    /// <summary>Gives <paramref name="target"/> a copy of <paramref name="fields"/>.</summary>
    public static void Set(IMessage target, UnknownFieldSet? fields)
    {
        if (fields is null) return;
        Field(target.GetType())?.SetValue(target, UnknownFieldSet.Clone(fields));
    }

    private static FieldInfo? Field(Type type) =>
        Fields.GetOrAdd(type, t => t.GetField("_unknownFields", BindingFlags.Instance | BindingFlags.NonPublic));
}
