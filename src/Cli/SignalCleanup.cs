using System.Runtime.InteropServices;
using OnnxKit.Serialization;

namespace OnnxKit.Cli;

/// <summary>
/// Removes the temporary files of unfinished writes when the tool is interrupted (SIGINT, Ctrl+C) or
/// asked to stop (SIGTERM), then lets the signal end the process as usual. A process killed outright
/// (SIGKILL) cannot clean up; the next write into the same folder sweeps what it left
/// (<see cref="AtomicFile.PrepareTarget"/>).
/// </summary>
internal static class SignalCleanup
{
    private static readonly Lock Gate = new();
    private static PosixSignalRegistration[]? registrations;

    /// <summary>Installs the handlers once per process.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            registrations ??=
            [
                PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => AtomicFile.DiscardPending()),
                PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => AtomicFile.DiscardPending()),
            ];
        }
    }
}
