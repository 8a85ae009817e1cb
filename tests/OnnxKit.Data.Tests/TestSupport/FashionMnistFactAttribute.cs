namespace OnnxKit.Data.Tests.TestSupport;

/// <summary>A test that reads Fashion-MNIST; skipped, saying what is missing, where Debian's dataset-fashion-mnist is not installed.</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute(string split = "test")
    {
        if (FashionMnist.MissingReason(split) is { } reason) Skip = reason;
    }
}
