using System.CommandLine;
using OnnxKit.Models;

namespace OnnxKit.Cli.Commands;

/// <summary>The zoo-model options shared by <c>export</c> and <c>summary</c>.</summary>
internal sealed class ZooOptionsArguments
{
    public Option<int?> ImageSize { get; } = CliArguments.Bounded(new Option<int?>("--image-size") { Description = "Image height and width for image models (reduced-size variants), 1 to 8192." }, 1, 8192);

    public Option<int?> Classes { get; } = CliArguments.Bounded(new Option<int?>("--classes") { Description = "Number of output classes, 1 to 1,000,000." }, 1, 1_000_000);

    public Option<int?> Channels { get; } = CliArguments.Bounded(new Option<int?>("--channels") { Description = "Input channels (naive-inception, gaussian-filter), 1 to 65,536." }, 1, 65536);

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
