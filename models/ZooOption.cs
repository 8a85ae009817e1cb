namespace OnnxKit.Models;

/// <summary>The options of <see cref="ZooOptions"/> a model honours.</summary>
[Flags]
public enum ZooOption
{
    /// <summary>No options.</summary>
    None = 0,
    /// <summary><see cref="ZooOptions.ImageSize"/>.</summary>
    ImageSize = 1,
    /// <summary><see cref="ZooOptions.Classes"/>.</summary>
    Classes = 2,
    /// <summary><see cref="ZooOptions.Channels"/>.</summary>
    Channels = 4,
    /// <summary><see cref="ZooOptions.IncludeTop"/>.</summary>
    IncludeTop = 8,
}
