using Pricing.Quoting;

namespace Pricing.UnitTests;

public class PricerTests
{
    private static readonly string[] Grades = ["A", "B", "C", "D", "E", "F", "G"];

    private readonly Pricer _pricer = new(TestOptions.Default(), TestMarket.BelowFloors);

    [Fact]
    public void Quotes_every_grade_A_to_G_in_order_with_product_and_version()
    {
        var quote = _pricer.Quote(new QuoteInput(TestOptions.Product, 5000m, 24));

        Assert.Equal(TestOptions.Product, quote.Product);
        Assert.Equal("pricing-1", quote.PricingVersion);
        Assert.Equal(Grades, quote.Offers.Select(offer => offer.Grade));
    }

    [Fact]
    public void Twelve_month_rates_are_the_floors_of_the_grade_band_tops()
    {
        // Over 12 months the annualised PD is the PD: floor = 3.5 + 100·PD·0.65 + 2.0 + 1.5, e.g. A: 7 + 2.6 = 9.6;
        // F: 7 + 29.25 = 36.25 > 36 and G: 7 + 65 = 72 are capped at 36.
        var quote = _pricer.Quote(new QuoteInput(TestOptions.Product, 5000m, 12));

        Assert.Equal([9.6, 12.2, 15.45, 20.0, 26.5, 36, 36], quote.Offers.Select(offer => offer.AnnualRatePct));
        Assert.Equal([false, false, false, false, false, true, true], quote.Offers.Select(offer => offer.Capped));
        Assert.Equal(36.25, quote.Offers[5].FloorRatePct, 10);
    }

    [Fact]
    public void Twenty_four_month_grade_A_annualises_its_lifetime_PD_and_rounds_up()
    {
        // PD 4 % over 24 months → 1 − 0.96^(12/24) = 2.0204 % a year; × 0.65 = 1.3133 %; floor 8.3133 % → 8.32 %.
        var offer = _pricer.Quote(new QuoteInput(TestOptions.Product, 5000m, 24)).Offers[0];

        Assert.Equal(8.3133, offer.FloorRatePct, 4);
        Assert.Equal(8.32, offer.AnnualRatePct);
        Assert.False(offer.Capped);
    }

    [Fact]
    public void Offer_payments_and_apr_follow_the_annuity_and_annex_I()
    {
        var quote = _pricer.Quote(new QuoteInput(TestOptions.Product, 5000m, 24));
        var offer = quote.Offers[0];
        var payments = Annuity.Monthly(5000m, offer.AnnualRatePct, 24);

        Assert.Equal(payments.Instalment, offer.MonthlyPayment);
        Assert.Equal(payments.FinalInstalment, offer.FinalPayment);
        Assert.Equal(payments.Total(24), offer.TotalRepayable);
        // No fee: the APR is the effective rate of 8.32 % nominal, (1 + 0.0832 / 12)^12 − 1 = 8.6447 %.
        Assert.Equal(8.64, offer.AprPct);
    }

    [Fact]
    public void Rates_never_fall_from_A_to_G_and_respect_floor_and_cap_across_seeded_inputs()
    {
        var options = TestOptions.Default();
        var random = new Random(42);
        for (var i = 0; i < 500; i++)
        {
            var term = random.Next(6, 73);
            var quote = _pricer.Quote(new QuoteInput(TestOptions.Product, random.Next(250_00, 20000_00) / 100m, term));

            for (var g = 0; g < Grades.Length; g++)
            {
                var offer = quote.Offers[g];
                var expectedLoss = RiskBasedRate.AnnualisedExpectedLossPct(Decisioning.Policy.RiskGrade.UpperProbabilityOfDefault(Grades[g]), options.LossGivenDefault, term);
                Assert.True(offer.FloorRatePct >= options.CostOfFundsPct + expectedLoss);
                Assert.True(offer.AnnualRatePct <= options.MaxAnnualRatePct);
                Assert.Equal(offer.FloorRatePct > options.MaxAnnualRatePct, offer.Capped);
                if (!offer.Capped)
                {
                    Assert.InRange(offer.AnnualRatePct - offer.FloorRatePct, -1e-9, 0.01);
                }

                if (g > 0)
                {
                    Assert.True(offer.AnnualRatePct >= quote.Offers[g - 1].AnnualRatePct);
                    Assert.True(offer.FloorRatePct >= quote.Offers[g - 1].FloorRatePct);
                }
            }
        }
    }

    [Fact]
    public void Without_fees_the_apr_is_the_effective_rate_of_the_offered_rate()
    {
        var random = new Random(3);
        for (var i = 0; i < 200; i++)
        {
            var quote = _pricer.Quote(new QuoteInput(TestOptions.Product, random.Next(250_00, 20000_00) / 100m, random.Next(6, 73)));
            foreach (var offer in quote.Offers)
            {
                var effective = 100 * (Math.Pow(1 + offer.AnnualRatePct / 1200, 12) - 1);
                // Rounding the APR to 0.01 moves it by up to 0.005; the final instalment's half cent moves it
                // by up to 0.006 more on the smallest, shortest loan (250 over 6 months).
                Assert.InRange(offer.AprPct - effective, -0.011, 0.011);
            }
        }
    }

    [Fact]
    public void An_origination_fee_is_repaid_and_lifts_the_apr_above_the_nominal_rate()
    {
        var pricer = new Pricer(TestOptions.Default(feeFlat: 25m, feePct: 1.0), TestMarket.BelowFloors);
        var withoutFee = _pricer.Quote(new QuoteInput(TestOptions.Product, 5000m, 24));

        var quote = pricer.Quote(new QuoteInput(TestOptions.Product, 5000m, 24));

        Assert.Equal(75m, quote.OriginationFee);
        for (var g = 0; g < Grades.Length; g++)
        {
            var offer = quote.Offers[g];
            Assert.True(offer.AprPct > offer.AnnualRatePct);
            Assert.True(offer.AprPct > withoutFee.Offers[g].AprPct);
            Assert.Equal(withoutFee.Offers[g].TotalRepayable + 75m, offer.TotalRepayable);
        }
    }

    [Fact]
    public void Capped_grades_share_the_cap_rate_and_its_schedule()
    {
        var quote = _pricer.Quote(new QuoteInput(TestOptions.Product, 3000m, 6));

        var capped = quote.Offers.Where(offer => offer.Capped).ToList();
        Assert.Equal(["E", "F", "G"], capped.Select(offer => offer.Grade));
        Assert.All(capped, offer => Assert.Equal(36, offer.AnnualRatePct));
        Assert.Single(capped.Select(offer => (offer.MonthlyPayment, offer.FinalPayment, offer.AprPct)).Distinct());
        Assert.Equal(72, quote.Offers[6].FloorRatePct, 10);
    }

    [Theory]
    [InlineData("", 5000, 24, "product")]
    [InlineData("mortgage", 5000, 24, "product")]
    [InlineData("Personal_Loan", 5000, 24, "product")]
    [InlineData("personal_loan", 249.99, 24, "amount")]
    [InlineData("personal_loan", 20000.01, 24, "amount")]
    [InlineData("personal_loan", 1000.005, 24, "amount")]
    [InlineData("personal_loan", 5000, 5, "termMonths")]
    [InlineData("personal_loan", 5000, 73, "termMonths")]
    public void Input_outside_the_product_is_refused_naming_the_field(string product, double amount, int termMonths, string field)
    {
        var error = Assert.Throws<PricingInputException>(() => _pricer.Quote(new QuoteInput(product, (decimal)amount, termMonths)));

        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData(250, 6)]
    [InlineData(20000, 72)]
    public void The_ends_of_the_product_ranges_are_priced(double amount, int termMonths)
    {
        var quote = _pricer.Quote(new QuoteInput(TestOptions.Product, (decimal)amount, termMonths));

        Assert.Equal(7, quote.Offers.Count);
        Assert.All(quote.Offers, offer => Assert.True(offer.MonthlyPayment > 0 && offer.TotalRepayable > (decimal)amount));
    }

    [Fact]
    public void Invalid_options_are_refused_when_the_pricer_is_built()
    {
        var options = TestOptions.Default();
        var broken = new PricingOptions
        {
            PricingVersion = options.PricingVersion,
            CostOfFundsPct = options.CostOfFundsPct,
            LossGivenDefault = 0,
            OperatingCostPct = options.OperatingCostPct,
            MarginPct = options.MarginPct,
            MaxAnnualRatePct = options.MaxAnnualRatePct,
            Products = options.Products,
        };

        var error = Assert.Throws<ArgumentException>(() => new Pricer(broken, TestMarket.BelowFloors));

        Assert.Contains("LossGivenDefault", error.Message);
    }

    [Fact]
    public void A_quote_allocates_only_the_quote_and_its_offers()
    {
        var input = new QuoteInput(TestOptions.Product, 7345.67m, 37);
        _pricer.Quote(input);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            _pricer.Quote(input);
        }

        var perQuote = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        // One Quote and one array of seven GradeOffer structs (about 800 bytes in all); nothing per grade.
        Assert.InRange(perQuote, 1, 1024);
    }
}
