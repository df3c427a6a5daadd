using Decisioning.Contracts.Pricing.V1;
using Decisioning.Contracts.Scoring.V1;
using Gateway.Models;

namespace Gateway.UnitTests;

public sealed class ModelAnswerChecksTests
{
    [Fact]
    public void A_sound_score_and_grid_pass()
    {
        Assert.Null(ModelAnswerChecks.ProblemWith(Score(0.02, "A")));
        Assert.Null(ModelAnswerChecks.ProblemWith(Grid(2000m, 12), 2000m, 12));
    }

    [Theory]
    [InlineData(double.NaN, "A")]
    [InlineData(-0.01, "A")]
    [InlineData(1.01, "G")]
    [InlineData(double.PositiveInfinity, "G")]
    [InlineData(0.02, "G")]
    [InlineData(0.5, "")]
    public void A_pd_that_is_no_probability_or_a_grade_that_is_not_the_pds_is_refused(double pd, string grade)
    {
        Assert.NotNull(ModelAnswerChecks.ProblemWith(Score(pd, grade)));
    }

    [Fact]
    public void More_reasons_than_a_decision_can_show_are_refused()
    {
        var score = Score(0.02, "A");
        score.Reasons.Add(Enumerable.Range(0, ModelAnswerChecks.MaxReasons + 1).Select(i => new ReasonCode { Code = $"R{i}" }));

        Assert.NotNull(ModelAnswerChecks.ProblemWith(score));
    }

    [Fact]
    public void An_empty_grid_a_nan_rate_a_negative_payment_or_a_total_that_does_not_add_up_is_refused()
    {
        var empty = Grid(2000m, 12);
        empty.Offers.Clear();
        var nanRate = Grid(2000m, 12);
        nanRate.Offers[3].AprPct = double.NaN;
        var negative = Grid(2000m, 12);
        negative.Offers[0].FinalPayment = -1m;
        var shortTotal = Grid(2000m, 12);
        shortTotal.Offers[6].TotalRepayable = 1000m;

        Assert.All(new[] { empty, nanRate, negative, shortTotal }, grid => Assert.NotNull(ModelAnswerChecks.ProblemWith(grid, 2000m, 12)));
    }

    private static ScoreResponse Score(double pd, string grade) => new() { Pd = pd, Grade = grade, Score = 700, ModelVersion = "1", Reasons = { new ReasonCode { Code = "A", Description = "a" } } };

    private static QuoteResponse Grid(decimal amount, int term)
    {
        var quote = new QuoteResponse { PricingVersion = "pricing-1" };
        foreach (var grade in Decisioning.Policy.RiskGrade.All)
        {
            // 12 × 175.00 = 2100.00
            quote.Offers.Add(new GradeOffer { Grade = grade, AnnualRatePct = 9, AprPct = 9.4, MonthlyPayment = 175m, FinalPayment = (amount * 1.05m) - (175m * (term - 1)), TotalRepayable = amount * 1.05m });
        }

        return quote;
    }
}
