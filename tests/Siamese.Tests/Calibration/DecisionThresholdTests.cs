using System.Text.Json;
using Siamese.Calibration;

namespace Siamese.Tests.Calibration;

public class DecisionThresholdTests
{
    [Theory]
    [InlineData(false, 0.5, true, false)]
    [InlineData(true, 0.5, false, true)]
    public void IsSame_Direction_AppliesThresholdInclusive(bool largerIsCloser, double exactly, bool below, bool above)
    {
        // Given a threshold of 0.5 for distances or for similarities
        var threshold = Make(largerIsCloser);

        // When scores below, at and above it are decided
        // Then distances are "same" at or below it, similarities at or above it
        Assert.Equal(below, threshold.IsSame(0.4));
        Assert.True(threshold.IsSame(exactly));
        Assert.Equal(above, threshold.IsSame(0.6));
    }

    [Fact]
    public void JsonRoundTrip_CalibratedThreshold_EqualAndStillDecides()
    {
        // Given a threshold calibrated on similarities
        var original = ThresholdCalibrator.Calibrate(
            [0.9f, 0.8f, 0.3f, 0.1f], [true, true, false, false], largerIsCloser: true, ThresholdCriterion.TargetFalseAcceptRate(0.001));

        // When written to JSON and read back
        string json = JsonSerializer.Serialize(original);
        var copy = JsonSerializer.Deserialize<DecisionThreshold>(json);

        // Then the copy equals the original, holds plain named properties, and decides alike
        Assert.Equal(original, copy);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(
            ["Value", "LargerIsCloser", "Criterion", "Accuracy", "FalseAcceptRate", "FalseRejectRate", "PairCount"],
            document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("far<=0.001", document.RootElement.GetProperty("Criterion").GetString());
        Assert.True(copy!.IsSame(0.8));
        Assert.False(copy.IsSame(0.3));
    }

    [Fact]
    public void JsonDeserialize_MissingValue_Throws()
    {
        // Given JSON without the threshold value
        const string json = """{"LargerIsCloser":false,"Criterion":"best-accuracy","Accuracy":1,"FalseAcceptRate":0,"FalseRejectRate":0,"PairCount":2}""";

        // When read
        // Then it is refused rather than defaulting the threshold to 0
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DecisionThreshold>(json));
    }

    private static DecisionThreshold Make(bool largerIsCloser) => new()
    {
        Value = 0.5,
        LargerIsCloser = largerIsCloser,
        Criterion = "best-accuracy",
        Accuracy = 1,
        FalseAcceptRate = 0,
        FalseRejectRate = 0,
        PairCount = 2,
    };
}
