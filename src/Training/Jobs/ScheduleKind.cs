namespace OnnxKit.Training.Jobs;

/// <summary>The learning-rate schedules the commands offer.</summary>
public enum ScheduleKind
{
    /// <summary>The same rate throughout.</summary>
    Constant,

    /// <summary>Halved every third of the epochs (at least every epoch).</summary>
    Step,

    /// <summary>Cosine decay to zero over the run.</summary>
    Cosine,
}
