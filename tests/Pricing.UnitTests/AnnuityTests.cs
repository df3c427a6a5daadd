using Pricing.Quoting;

namespace Pricing.UnitTests;

public class AnnuityTests
{
    [Fact]
    public void Textbook_5000_over_24_months_at_9_9_pct_pays_230_49_a_month()
    {
        // By hand: r = 0.099 / 12 = 0.00825; 1.00825^24 = 1.217973; A = 5000 × 0.00825 × 1.217973 / 0.217973
        // = 230.4939 → 230.49 (230.12 would be the payment at 9.74 %, not 9.9 %). Paying 230.49 leaves
        // 0.10 owing after month 24 at the contract rate, so the final instalment is 230.59.
        var payments = Annuity.Monthly(5000m, 9.9, 24);

        Assert.Equal(230.49m, payments.Instalment);
        Assert.Equal(230.59m, payments.FinalInstalment);
        Assert.Equal(5531.86m, payments.Total(24));
    }

    [Fact]
    public void At_zero_rate_the_principal_is_split_and_the_final_instalment_takes_the_remainder()
    {
        var payments = Annuity.Monthly(1000m, 0, 7);

        Assert.Equal(142.86m, payments.Instalment);
        Assert.Equal(142.84m, payments.FinalInstalment);
        Assert.Equal(1000m, payments.Total(7));
    }

    [Fact]
    public void A_one_month_loan_repays_principal_plus_one_month_of_interest()
    {
        var payments = Annuity.Monthly(1200m, 12, 1);

        Assert.Equal(1212m, payments.FinalInstalment);
        Assert.Equal(1212m, payments.Total(1));
    }

    [Fact]
    public void Payments_repay_principal_plus_interest_to_the_cent_across_seeded_loans()
    {
        var random = new Random(20261122);
        for (var i = 0; i < 2000; i++)
        {
            var principal = random.Next(250_00, 20000_00) / 100m;
            var ratePct = Math.Round(random.NextDouble() * 36, 2);
            var term = random.Next(1, 73);

            var payments = Annuity.Monthly(principal, ratePct, term);

            // Amortise at the contract rate with unrounded interest: the schedule must clear the loan.
            var r = ratePct / 1200;
            var balance = (double)principal;
            var interest = 0.0;
            for (var month = 1; month <= term; month++)
            {
                var monthInterest = balance * r;
                interest += monthInterest;
                balance += monthInterest - (double)(month < term ? payments.Instalment : payments.FinalInstalment);
            }

            Assert.InRange(balance, -0.005, 0.005);
            Assert.InRange((double)payments.Total(term) - ((double)principal + interest), -0.01, 0.01);
            Assert.Equal(payments.Instalment, Math.Round(payments.Instalment, 2));
            Assert.Equal(payments.FinalInstalment, Math.Round(payments.FinalInstalment, 2));
        }
    }
}
