using System.CommandLine;

namespace OnnxKit.Cli;

/// <summary>
/// Runs a command's body and turns errors into messages and exit codes: user-facing
/// errors print their message alone; anything unexpected prints a one-line summary
/// (and the stack trace with <c>--verbose</c>).
/// </summary>
internal static class CommandAction
{
    public static void Set(Command command, Func<ParseResult, int> body) =>
        command.SetAction(parse => Invoke(parse, body));

    /// <summary>
    /// For long commands: <paramref name="body"/> gets <see cref="Interruption.Token"/>, which Ctrl+C (or SIGTERM)
    /// cancels, so it can stop gracefully and report what it finished; the process then exits with
    /// <see cref="ExitCodes.Interrupted"/> (see <see cref="Interruption.Complete"/>).
    /// </summary>
    public static void SetCancellable(Command command, Func<ParseResult, CancellationToken, int> body) =>
        command.SetAction(parse => Interruption.RunGraceful(token => Invoke(parse, p => body(p, token))));

    private static int Invoke(ParseResult parse, Func<ParseResult, int> body)
    {
        try
        {
            return body(parse);
        }
        catch (OperationCanceledException) when (Interruption.Requested)
        {
            Console.Error.WriteLine($"interrupted: '{parse.CommandResult.Command.Name}' stopped before it finished; files it had not finished writing were removed.");
            return Interruption.ExitCode;
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (OnnxFormatException e)
        {
            Console.Error.WriteLine($"error: invalid model: {e.Message}");
            return ExitCodes.InvalidModel;
        }
        catch (Checker.ModelRejectedException e)
        {
            Console.Error.WriteLine($"error: invalid model: {e.Message}");
            return ExitCodes.InvalidModel;
        }
        catch (OnnxKitException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (OutOfMemoryException)
        {
            Console.Error.WriteLine("error: out of memory; the model or its inputs need more than this machine (or its address-space limit) allows. "
                + "Lower --max-tensor-bytes to be stopped earlier with the tensor named, or use smaller inputs.");
            return ExitCodes.Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            if (parse.GetValue(CliRoot.Verbose)) Console.Error.WriteLine(e);
            else Console.Error.WriteLine("Run again with --verbose for details, and please report it.");
            return ExitCodes.Failed;
        }
    }
}
