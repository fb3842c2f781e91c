using Siamese.Text;

namespace Siamese.Tests.Text;

public class TokenizerBlankTests
{
    [Theory]
    [InlineData("the ___ of the wine", new[] { "the", "___", "of", "the", "wine" })]
    [InlineData("snake_case names", new[] { "snake_case", "names" })]
    [InlineData("(___)", new[] { "___" })]
    public void SplitWords_Connectors_StayInWordsSoAClozeBlankIsAToken(string text, string[] expected)
    {
        var tokenizer = new HashingTokenizer(new TokenizerSettings());
        Assert.Equal(expected, tokenizer.SplitWords(text));
    }

    [Fact]
    public void Tokenize_BlankAtDifferentPlaces_GivesDifferentSequences()
    {
        // Given two cloze sentences that differ only in where the blank stands
        var tokenizer = new HashingTokenizer(new TokenizerSettings { BucketCount = 1 << 16 });

        // When both are tokenized
        var a = tokenizer.Tokenize("the ___ of wine");
        var b = tokenizer.Tokenize("the of ___ wine");

        // Then the blank is a word of its own in each, at its own position
        Assert.Equal(4, a.WordCount);
        Assert.Equal(a.WordIds(1).ToArray(), b.WordIds(2).ToArray());
        Assert.NotEqual(a.WordIds(1).ToArray(), a.WordIds(2).ToArray());
    }
}
