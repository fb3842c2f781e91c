using System.Text.Json;
using Siamese.Data;

namespace Siamese.Tests.Data;

public class InputNormalizationTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_StdNotPositiveAndFinite_Throws(double std)
    {
        // Given an impossible standard deviation, when a normalisation is made, then it is rejected
        Assert.Throws<ArgumentOutOfRangeException>(() => new InputNormalization(0.5, std));
    }

    [Fact]
    public void With_ZeroStd_IsRejectedToo()
    {
        // Given a valid normalisation, when a copy with Std 0 is made, then it is rejected
        Assert.Throws<ArgumentOutOfRangeException>(() => InputNormalization.Identity with { Std = 0 });
    }

    [Fact]
    public void Apply_Pixels_MapsToScaledAndStandardisedValues()
    {
        // Given mean 0.2 and std 0.5
        var normalization = new InputNormalization(0.2, 0.5);

        // When pixels 0, 51 and 255 are mapped, then they become (p / 255 - 0.2) / 0.5
        Assert.Equal(-0.4f, normalization.Apply(0), 6);
        Assert.Equal(0f, normalization.Apply(51), 6);
        Assert.Equal(1.6f, normalization.Apply(255), 6);
    }

    [Fact]
    public void Identity_Pixels_AreDividedBy255()
    {
        // Given the identity, when 255 and 102 are mapped, then they become 1 and 0.4
        Assert.Equal(1f, InputNormalization.Identity.Apply(255), 6);
        Assert.Equal(0.4f, InputNormalization.Identity.Apply(102), 6);
    }

    [Fact]
    public void ComputeFrom_SmallSet_MatchesMeanAndPopulationStdComputedByLoop()
    {
        // Given 3 RGB images of 2 x 2 with varied bytes
        byte[] pixels = IdxFiles.Pattern(3 * 3 * 2 * 2);
        var set = new LabeledImageSet(pixels, [0, 1, 0], 3, 2, 2);

        // When the normalisation is computed
        InputNormalization normalization = InputNormalization.ComputeFrom(set);

        // Then it equals the mean and population standard deviation of p / 255 over every value
        double mean = pixels.Average(p => p / 255.0);
        double std = Math.Sqrt(pixels.Average(p => Math.Pow((p / 255.0) - mean, 2)));
        Assert.Equal(mean, normalization.Mean, 12);
        Assert.Equal(std, normalization.Std, 12);
    }

    [Fact]
    public void ComputeFrom_ConstantPixels_ThrowsBecauseStdIsZero()
    {
        // Given images that are all 9
        var set = new LabeledImageSet(Enumerable.Repeat((byte)9, 8).ToArray(), [0, 1], 1, 2, 2);

        // When a normalisation is computed, then the zero spread is reported
        var error = Assert.Throws<ArgumentException>(() => InputNormalization.ComputeFrom(set));
        Assert.Contains("standard deviation is 0", error.Message);
    }

    [Fact]
    public void ComputeFrom_EmptySet_Throws()
    {
        // Given an empty set, when a normalisation is computed, then it is rejected
        var set = new LabeledImageSet(ReadOnlySpan<byte>.Empty, ReadOnlySpan<int>.Empty, 1, 2, 2);
        Assert.Throws<ArgumentException>(() => InputNormalization.ComputeFrom(set));
    }

    [Fact]
    public void Json_RoundTrip_KeepsPlainMeanAndStd()
    {
        // Given a normalisation
        var normalization = new InputNormalization(0.286, 0.353);

        // When it is serialised and read back
        string json = JsonSerializer.Serialize(normalization);
        InputNormalization? read = JsonSerializer.Deserialize<InputNormalization>(json);

        // Then the JSON has two plain numbers and the copy is equal
        Assert.Equal("""{"Mean":0.286,"Std":0.353}""", json);
        Assert.Equal(normalization, read);
    }

    [Fact]
    public void Json_ZeroStd_IsRejectedWhenRead()
    {
        // Given JSON with Std 0, when it is read, then the value is rejected
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonSerializer.Deserialize<InputNormalization>("""{"Mean":0.5,"Std":0}"""));
    }
}
