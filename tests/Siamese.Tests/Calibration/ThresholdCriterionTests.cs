using Siamese.Calibration;

namespace Siamese.Tests.Calibration;

public class ThresholdCriterionTests
{
    [Theory]
    [InlineData("accuracy")]
    [InlineData("  Best-Accuracy ")]
    public void Parse_AccuracyText_BestAccuracy(string text)
    {
        // Given a best-accuracy text
        // When parsed
        var criterion = ThresholdCriterion.Parse(text);

        // Then it is the best-accuracy criterion, with no FAR
        Assert.Equal(ThresholdCriterionKind.BestAccuracy, criterion.Kind);
        Assert.Null(criterion.TargetFar);
        Assert.Equal(ThresholdCriterion.BestAccuracy, criterion);
        Assert.Equal("best-accuracy", criterion.Description);
    }

    [Theory]
    [InlineData("far=0.001", 0.001)]
    [InlineData(" FAR=1e-4", 1e-4)]
    [InlineData("far<=0.25", 0.25)]
    public void Parse_FarText_TargetFalseAcceptRate(string text, double far)
    {
        // Given a FAR text
        // When parsed
        var criterion = ThresholdCriterion.Parse(text);

        // Then it targets that FAR and its description parses back to an equal criterion
        Assert.Equal(ThresholdCriterionKind.TargetFalseAcceptRate, criterion.Kind);
        Assert.Equal(far, criterion.TargetFar);
        Assert.Equal(criterion, ThresholdCriterion.Parse(criterion.Description));
        Assert.Equal(criterion.Description, criterion.ToString());
    }

    [Fact]
    public void Description_TargetFar_IsFarLessOrEqualInvariant()
    {
        // Given a FAR criterion
        // When described
        var description = ThresholdCriterion.TargetFalseAcceptRate(0.001).Description;

        // Then it reads "far<=0.001"
        Assert.Equal("far<=0.001", description);
    }

    [Theory]
    [InlineData("")]
    [InlineData("acc")]
    [InlineData("far")]
    [InlineData("far=")]
    [InlineData("far=abc")]
    [InlineData("far=0")]
    [InlineData("far=1")]
    [InlineData("far=-0.1")]
    [InlineData("far=NaN")]
    [InlineData("tar=0.5")]
    public void Parse_BadText_ThrowsArgumentExceptionQuotingText(string text)
    {
        // Given text that is not a criterion
        // When parsed
        var error = Assert.Throws<ArgumentException>(() => ThresholdCriterion.Parse(text));

        // Then the message quotes it
        Assert.Contains($"'{text}'", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void TargetFalseAcceptRate_OutsideOpenUnitInterval_Throws(double far)
    {
        // Given a FAR outside (0, 1)
        // When a criterion is made
        // Then it is refused
        Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdCriterion.TargetFalseAcceptRate(far));
    }
}
