namespace OnnxKit.OpsetTests;

public sealed class OpsetSelectionTests
{
    [Fact]
    public void EmptyMeansEverySupportedOpset() => Assert.Equal(Enumerable.Range(7, 22), OpsetSelection.Parse(null));

    [Fact]
    public void ListsAndRangesCombine() => Assert.Equal([7, 8, 9, 13, 17], OpsetSelection.Parse("13, 7-9,17,13"));

    [Theory]
    [InlineData("6")]
    [InlineData("29")]
    [InlineData("12-9")]
    [InlineData("abc")]
    public void BadValuesAreRefused(string text) => Assert.Contains(OpsetSelection.Variable, Assert.Throws<ArgumentException>(() => OpsetSelection.Parse(text)).Message);
}
