namespace OnnxKit.Cli.Tests;

/// <summary>
/// A fact about the native front end (src/Cli.FrontEnd). Publishing it compiles the light commands to native
/// code, which takes minutes and a C toolchain (clang, or gcc on Linux), so it runs only where
/// <c>ONNXKIT_TEST_NATIVE_FRONT_END=1</c> and is reported as skipped, saying so, everywhere else.
/// </summary>
public sealed class NativeFrontEndFactAttribute : FactAttribute
{
    /// <summary>The variable that turns these tests on.</summary>
    public const string Variable = "ONNXKIT_TEST_NATIVE_FRONT_END";

    /// <summary>Creates the attribute.</summary>
    public NativeFrontEndFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
            Skip = $"The native front end is published (a few minutes; needs clang or gcc) only with {Variable}=1.";
    }
}
