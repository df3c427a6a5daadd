using Decisioning.Policy;
using Pricing.Quoting;

namespace Pricing.UnitTests;

public class MarketRatesTests
{
    private static readonly Pricer Pricer = new(TestOptions.Default(), TestMarket.Committed);

    [Fact]
    public void The_learned_market_rises_with_grade_for_every_term()
    {
        for (var term = 6; term <= 72; term++)
        {
            for (var g = 1; g < RiskGrade.All.Count; g++)
            {
                Assert.True(TestMarket.Committed.RatePct(g, term) >= TestMarket.Committed.RatePct(g - 1, term), $"{term} months, grade {RiskGrade.All[g]}");
            }
        }
    }

    [Fact]
    public void Offered_rates_rise_with_grade_and_always_cover_the_floor_for_every_term()
    {
        var options = TestOptions.Default();
        for (var term = 6; term <= 72; term++)
        {
            var offers = Pricer.Quote(new QuoteInput(TestOptions.Product, 5000m, term)).Offers;
            for (var g = 0; g < offers.Count; g++)
            {
                var expectedLoss = RiskBasedRate.AnnualisedExpectedLossPct(RiskGrade.UpperProbabilityOfDefault(offers[g].Grade), options.LossGivenDefault, term);
                Assert.True(offers[g].FloorRatePct >= options.CostOfFundsPct + expectedLoss);
                // Rounded up to the hundredth of a percent, with a tolerance for binary noise.
                Assert.True(offers[g].Capped || offers[g].AnnualRatePct >= offers[g].FloorRatePct - 1e-9, $"{term} months, grade {offers[g].Grade}");
                Assert.True(offers[g].AnnualRatePct <= options.MaxAnnualRatePct);
                Assert.True(g == 0 || offers[g].AnnualRatePct >= offers[g - 1].AnnualRatePct, $"{term} months, grade {offers[g].Grade}");
            }
        }
    }

    [Fact]
    public void Where_the_market_is_above_the_floor_the_market_rate_is_offered()
    {
        // 60 months, grade C: floor 3.5 + (1 − 0.87^(12/60))·100·0.65 + 3.5 ≈ 8.79 %, market 13.65 % (Lending Club C, 60 months).
        var offer = Pricer.Quote(new QuoteInput(TestOptions.Product, 10000m, 60)).Offers[2];

        Assert.Equal(8.79, offer.FloorRatePct, 2);
        Assert.Equal(Math.Ceiling(TestMarket.Committed.RatePct(2, 60) * 100) / 100, offer.AnnualRatePct);
    }

    [Theory]
    [InlineData(36, 0, 6.6152)]
    [InlineData(60, 0, 7.5642)]
    [InlineData(48, 0, 7.0897)]
    [InlineData(12, 6, 28.0909)]
    [InlineData(72, 6, 27.9553)]
    public void Terms_between_the_learned_ones_are_interpolated_and_outside_them_held(int term, int grade, double expected) =>
        Assert.Equal(expected, TestMarket.Committed.RatePct(grade, term), 4);

    [Theory]
    [InlineData("""{"formatVersion": 2, "version": "x", "grades": ["A","B","C","D","E","F","G"], "ratesPctByTermMonths": {"36": [1,2,3,4,5,6,7]}}""", "formatVersion")]
    [InlineData("""{"formatVersion": 1, "version": "x", "grades": ["A","B","C"], "ratesPctByTermMonths": {"36": [1,2,3]}}""", "grades")]
    [InlineData("""{"formatVersion": 1, "version": "x", "grades": ["A","B","C","D","E","F","G"], "ratesPctByTermMonths": {"36": [1,2,3,4,5,7,6]}}""", "fall")]
    [InlineData("""{"formatVersion": 1, "version": "x", "grades": ["A","B","C","D","E","F","G"], "ratesPctByTermMonths": {}}""", "empty")]
    public void A_broken_market_file_is_refused_with_the_reason(string json, string reason)
    {
        var error = Assert.Throws<InvalidDataException>(() => MarketRates.Parse(json));

        Assert.Contains(reason, error.Message);
    }
}
