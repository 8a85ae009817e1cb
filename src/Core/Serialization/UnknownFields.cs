using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Google.Protobuf;

namespace OnnxKit.Serialization;

/// <summary>
/// Carries protobuf fields that our .proto does not define (written by newer or
/// foreign tools) from a parsed message to the message we write, so a load/save
/// round trip loses nothing. Google.Protobuf keeps such fields in a private
/// <c>_unknownFields</c> member of every generated class and exposes no accessor,
/// so this reads and writes that member by reflection (cached per type). The message type is a
/// type argument annotated with the members it needs, so trimming and native AOT keep that field
/// (the native front end, src/Cli.FrontEnd, reads models through this).
/// </summary>
internal static class UnknownFields
{
    private static readonly ConcurrentDictionary<Type, FieldInfo?> Fields = new();

    /// <summary>The unknown fields of <paramref name="message"/>, or null when it has none.</summary>
    public static UnknownFieldSet? Get<[DynamicallyAccessedMembers(Kept)] T>(T message) where T : IMessage =>
        (UnknownFieldSet?)Field<T>()?.GetValue(message);

    /// <summary>Gives <paramref name="target"/> a copy of <paramref name="fields"/>.</summary>
    public static void Set<[DynamicallyAccessedMembers(Kept)] T>(T target, UnknownFieldSet? fields) where T : IMessage
    {
        if (fields is null) return;
        Field<T>()?.SetValue(target, UnknownFieldSet.Clone(fields));
    }

    /// <summary>What of a message type this reads: its private fields.</summary>
    internal const DynamicallyAccessedMemberTypes Kept = DynamicallyAccessedMemberTypes.NonPublicFields;

    private static FieldInfo? Field<[DynamicallyAccessedMembers(Kept)] T>() where T : IMessage =>
        Fields.GetOrAdd(typeof(T), static _ => typeof(T).GetField("_unknownFields", BindingFlags.Instance | BindingFlags.NonPublic));
}
