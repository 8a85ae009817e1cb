using System.CommandLine;
using OnnxKit.Models;

namespace OnnxKit.Cli.Commands;

/// <summary>The zoo-model options shared by <c>export</c> and <c>summary</c>.</summary>
internal sealed class ZooOptionsArguments
{
    public Option<int?> ImageSize { get; } = new("--image-size") { Description = "Image height and width for image models (reduced-size variants)." };

    public Option<int?> Classes { get; } = new("--classes") { Description = "Number of output classes." };

    public Option<int?> Channels { get; } = new("--channels") { Description = "Input channels (naive-inception, gaussian-filter)." };

    public Option<bool> NoTop { get; } = new("--no-top") { Description = "Drop the classifier head (vgg16, vgg19, resnet50-*)." };

    public void AddTo(Command command)
    {
        command.Options.Add(ImageSize);
        command.Options.Add(Classes);
        command.Options.Add(Channels);
        command.Options.Add(NoTop);
    }

    /// <summary>The flags, as typed on the command line, for the options a zoo model takes (e.g. "--image-size, --classes").</summary>
    public string Flags(ZooOption options) => string.Join(", ", new (ZooOption Option, string Flag)[]
    {
        (ZooOption.ImageSize, ImageSize.Name), (ZooOption.Classes, Classes.Name), (ZooOption.Channels, Channels.Name), (ZooOption.IncludeTop, NoTop.Name),
    }.Where(o => options.HasFlag(o.Option)).Select(o => o.Flag));

    public ZooOptions Read(ParseResult parse) => new()
    {
        ImageSize = parse.GetValue(ImageSize),
        Classes = parse.GetValue(Classes),
        Channels = parse.GetValue(Channels),
        IncludeTop = !parse.GetValue(NoTop),
    };
}
