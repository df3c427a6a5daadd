using Pricing.Quoting;

namespace Pricing.UnitTests;

public class EuropeanAprTests
{
    // Directive 98/7/EC Annex III gives the worked examples of the basic equation that 2008/48/EC Annex I re-enacts.
    [Fact]
    public void Directive_98_7_first_example_single_repayment_after_546_days_is_12_96_pct()
    {
        // Source: 98/7/EC Annex III A, first example: 1 000 lent 1.1.1994, 1 200 repaid 1.7.1995 (546 days) → 12,96 %.
        CashFlow[] drawdowns = [new(1000, 0)];
        CashFlow[] repayments = [new(1200, 546 / 365.0)];

        var apr = AnnualPercentageRate.EuropeanUnion(drawdowns, repayments);

        Assert.Equal(12.96, Math.Round(apr, 2));
    }

    [Fact]
    public void Directive_98_7_second_example_fee_retained_at_drawdown_is_16_9_pct()
    {
        // Source: 98/7/EC Annex III A, second example: the creditor retains 50 of the 1 000 for expenses,
        // 1 200 repaid on 1.7.1995 → 16,9 %. The retained 50 is a charge paid at the drawdown.
        CashFlow[] drawdowns = [new(1000, 0)];
        CashFlow[] repayments = [new(50, 0), new(1200, 546 / 365.0)];

        var apr = AnnualPercentageRate.EuropeanUnion(drawdowns, repayments);

        Assert.Equal(16.9, Math.Round(apr, 1));
    }

    [Fact]
    public void Directive_98_7_third_example_two_yearly_repayments_is_i_0_1306623()
    {
        // Source: 98/7/EC Annex III A, third example: 1 000 repaid by 600 after one and 600 after two years
        // → "i = 0,1306623 rounded to 13,1 % (or 13,07 %)".
        CashFlow[] drawdowns = [new(1000, 0)];
        CashFlow[] repayments = [new(600, 1), new(600, 2)];

        var apr = AnnualPercentageRate.EuropeanUnion(drawdowns, repayments);

        Assert.InRange(apr / 100, 0.1306623, 0.1306624);
        Assert.Equal(13.07, Math.Round(apr, 2));
    }

    [Fact]
    public void Textbook_5000_over_24_months_at_9_9_pct_has_an_apr_of_10_36_pct()
    {
        // No charges, so the APR is the effective rate of 9.9 % nominal: 1.00825^12 − 1 = 10.3618 %.
        var apr = AnnualPercentageRate.EuropeanUnionMonthly(5000, 0, 230.49, 24, 230.59);

        Assert.Equal(10.36, Math.Round(apr, 2));
    }

    [Fact]
    public void The_monthly_form_solves_the_same_equation_as_the_general_form()
    {
        var flows = new CashFlow[25];
        flows[0] = new CashFlow(75, 0);
        for (var month = 1; month <= 24; month++)
        {
            flows[month] = new CashFlow(month < 24 ? 230.49 : 230.59, month / 12.0);
        }

        var general = AnnualPercentageRate.EuropeanUnion([new CashFlow(5000, 0)], flows);
        var monthly = AnnualPercentageRate.EuropeanUnionMonthly(5000, 75, 230.49, 24, 230.59);

        Assert.Equal(general, monthly, 8);
    }

    [Fact]
    public void Without_charges_the_apr_is_the_effective_rate_of_the_nominal_rate()
    {
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var nominal = 0.5 + random.NextDouble() * 40;
            var term = random.Next(1, 121);
            var principal = 250 + random.NextDouble() * 50000;
            var r = nominal / 1200;
            var exactInstalment = principal * r / (1 - Math.Pow(1 + r, -term));

            var apr = AnnualPercentageRate.EuropeanUnionMonthly(principal, 0, exactInstalment, term, exactInstalment);

            Assert.Equal(100 * (Math.Pow(1 + r, 12) - 1), apr, 8);
        }
    }

    [Fact]
    public void Discounting_the_repayments_at_the_apr_gives_back_the_amount_lent_within_a_cent()
    {
        var random = new Random(11);
        for (var i = 0; i < 500; i++)
        {
            var amount = random.Next(250_00, 20000_00) / 100m;
            var term = random.Next(6, 73);
            var fee = Math.Round(amount * (decimal)(random.NextDouble() * 0.05), 2);
            var payments = Annuity.Monthly(amount, Math.Round(random.NextDouble() * 36, 2), term);

            var apr = AnnualPercentageRate.EuropeanUnionMonthly(
                (double)amount, (double)fee, (double)payments.Instalment, term, (double)payments.FinalInstalment);

            var presentValue = (double)fee;
            for (var month = 1; month <= term; month++)
            {
                var instalment = (double)(month < term ? payments.Instalment : payments.FinalInstalment);
                presentValue += instalment * Math.Pow(1 + apr / 100, -month / 12.0);
            }

            Assert.InRange(presentValue - (double)amount, -0.01, 0.01);
        }
    }

    [Fact]
    public void Several_drawdowns_are_discounted_from_the_first()
    {
        // 500 now and 500 in a year, 1 100 repaid at two years: 500(1+X)^2 + 500(1+X) = 1 100 → X = 6.5248 %.
        var apr = AnnualPercentageRate.EuropeanUnion([new(500, 0), new(500, 1)], [new(1100, 2)]);

        var x = apr / 100;
        Assert.Equal(1100, 500 * (1 + x) * (1 + x) + 500 * (1 + x), 6);
        Assert.Equal(6.52, Math.Round(apr, 2));
    }

    [Fact]
    public void Repayments_that_cannot_balance_the_drawdowns_are_refused()
    {
        Assert.Throws<ArgumentException>(() => AnnualPercentageRate.EuropeanUnion([new(1000, 0)], [new(-5, 1)]));
    }
}
