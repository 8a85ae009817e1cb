namespace OnnxKit.Data.Tests.TestSupport;

/// <summary>A theory that reads Fashion-MNIST; skipped, saying what is missing, where Debian's dataset-fashion-mnist is not installed.</summary>
public sealed class FashionMnistTheoryAttribute : TheoryAttribute
{
    public FashionMnistTheoryAttribute(string split = "test")
    {
        if (FashionMnist.MissingReason(split) is { } reason) Skip = reason;
    }
}
