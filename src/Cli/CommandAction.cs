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

    private static int Invoke(ParseResult parse, Func<ParseResult, int> body)
    {
        try
        {
            return body(parse);
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
            if (parse.GetValue(CliApplication.Verbose)) Console.Error.WriteLine(e);
            else Console.Error.WriteLine("Run again with --verbose for details, and please report it.");
            return ExitCodes.Failed;
        }
    }
}
