using Decisioning.Policy;

namespace Decisioning.Policy.UnitTests;

public class RiskGradeTests
{
    [Theory]
    [InlineData(0.0, "A")]
    [InlineData(0.0399, "A")]
    [InlineData(0.04, "B")]
    [InlineData(0.129, "C")]
    [InlineData(0.2, "E")]
    [InlineData(0.449, "F")]
    [InlineData(0.45, "G")]
    [InlineData(1.0, "G")]
    public void Grade_follows_the_pd_bands(double pd, string grade) => Assert.Equal(grade, RiskGrade.For(pd));

    [Fact]
    public void Every_grade_is_priced_at_a_pd_its_own_band_admits()
    {
        foreach (var grade in RiskGrade.All.SkipLast(1))
        {
            var upper = RiskGrade.UpperProbabilityOfDefault(grade);
            Assert.Equal(grade, RiskGrade.For(Math.BitDecrement(upper)));
        }

        Assert.Equal(1.0, RiskGrade.UpperProbabilityOfDefault("G"));
    }

    [Fact]
    public void Invalid_probabilities_and_grades_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RiskGrade.For(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => RiskGrade.For(1.01));
        Assert.Throws<ArgumentException>(() => RiskGrade.UpperProbabilityOfDefault("Z"));
    }

    [Theory]
    [InlineData(1.0 / 51, 600)]
    [InlineData(1.0 / 101, 620)]
    [InlineData(1.0 / 26, 580)]
    public void Score_is_600_points_at_50_to_1_and_20_points_to_double_the_odds(double pd, int points) =>
        Assert.Equal(points, ScoreScale.Points(pd));
}
