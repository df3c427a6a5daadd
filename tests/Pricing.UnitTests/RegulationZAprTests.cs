using Pricing.Quoting;

namespace Pricing.UnitTests;

public class RegulationZAprTests
{
    // Each row: the example, one advance at the start, its payments as (amount, whole unit-periods, fraction)
    // from the advance, the unit-periods per year, and the APR the example publishes (two decimals).
    // Fractions follow Appendix J (b)(5): odd days over 30 per month, 15 per half month, 7 per week.
    public static TheoryData<string, double, UnitPeriodFlow[], double, double> AppendixJExamples => new()
    {
        // Source: 12 CFR 1026 Appendix J (c)(1)(i): $5,000 advanced 1-10-78, 24 monthly payments of $230 from 2-10-78 → 9.69%.
        { "(c)(1)(i)", 5000, Series(230, 24, 1, 0), 12, 9.69 },
        // Source: Appendix J (c)(1)(ii): $6,000 advanced 2-10-78, 36 monthly $200 from 4-1-78 (1 month + 19 days) → 11.82%.
        { "(c)(1)(ii)", 6000, Series(200, 36, 1, 19 / 30.0), 12, 11.82 },
        // Source: Appendix J (c)(1)(iii): $5,000 advanced 2-23-78, 24 semimonthly $219.17 from 3-1-78 (6 days) → 10.34%.
        { "(c)(1)(iii)", 5000, Series(219.17, 24, 0, 6 / 15.0), 24, 10.34 },
        // Source: Appendix J (c)(1)(iv): $10,000 advanced 5-23-78, 40 quarterly $385 from 10-1-78 (1 quarter + 39 days) → 8.97%.
        { "(c)(1)(iv)", 10000, Series(385, 40, 1, 39 / 90.0), 4, 8.97 },
        // Source: Appendix J (c)(1)(v): $500 advanced 3-20-78, 30 weekly $17.60 from 4-21-78 (4 weeks + 4 days) → 14.96%.
        { "(c)(1)(v)", 500, Series(17.60, 30, 4, 4 / 7.0), 52, 14.96 },
        // Source: Appendix J (c)(2)(i): $5,000 advanced 1-10-78, first payment $250 on 2-10-78, then 23 monthly $230 → 10.08%.
        { "(c)(2)(i)", 5000, [new(250, 1), .. Series(230, 23, 2, 0)], 12, 10.08 },
        // Source: Appendix J (c)(2)(ii): $400 advanced 3-18-78, $39.50 on 4-20-78, then 11 four-weekly $38.31 → 28.50%.
        { "(c)(2)(ii)", 400, [new(39.50, 1, 5 / 28.0), .. Series(38.31, 11, 2, 5 / 28.0)], 13, 28.50 },
        // Source: Appendix J (c)(3)(i): $5,000 advanced 1-10-78, 23 monthly $230 from 2-10-78, final $280 → 10.50%.
        { "(c)(3)(i)", 5000, [.. Series(230, 23, 1, 0), new(280, 24)], 12, 10.50 },
        // Source: Appendix J (c)(3)(ii): $200 advanced 4-3-78, 19 biweekly $9.50 from 4-11-78 (8 days), final $30 → 12.22%.
        { "(c)(3)(ii)", 200, [.. Series(9.50, 19, 0, 8 / 14.0), new(30, 19, 8 / 14.0)], 26, 12.22 },
        // Source: Appendix J (c)(4)(i): $5,000 advanced 1-10-78, first $250, 22 monthly $230, final $280 → 10.90%.
        { "(c)(4)(i)", 5000, [new(250, 1), .. Series(230, 22, 2, 0), new(280, 24)], 12, 10.90 },
        // Source: Appendix J (c)(5)(i): $1,000 advanced 1-3-78, $1,080 repaid 9-15-78: one unit-period of 255 days → 11.45%.
        { "(c)(5)(i)", 1000, [new(1080, 1)], 365 / 255.0, 11.45 },
        // Source: Appendix J (c)(5)(ii): $1,000 advanced, $1,044 repaid 6 months later: unit-period 6 months → 8.80%.
        { "(c)(5)(ii)", 1000, [new(1044, 1)], 2, 8.80 },
        // Source: Appendix J (c)(5)(iii): $1,000 advanced, $1,135.19 repaid 18 months later: 1 year + 6/12 → 8.76%.
        { "(c)(5)(iii)", 1000, [new(1135.19, 1, 6 / 12.0)], 1, 8.76 },
        // Source: Appendix J (c)(5)(iv): $1,000 advanced, $1,240 repaid 2 years later: unit-period 1 year → 11.36%.
        { "(c)(5)(iv)", 1000, [new(1240, 2)], 1, 11.36 },
        // Source: Appendix J (c)(6)(i): $2,135 advanced, $100 every 4 weeks in four runs with skipped payments → 12.00%.
        {
            "(c)(6)(i)", 2135,
            [.. Series(100, 9, 0, 26 / 28.0), .. Series(100, 6, 10, 12 / 28.0), .. Series(100, 6, 16, 26 / 28.0), .. Series(100, 3, 23, 12 / 28.0)],
            13, 12.00
        },
        // Source: Appendix J (c)(6)(ii): $7,350 advanced, monthly runs of $1,000 and $750 with single payments between → 10.22%.
        {
            "(c)(6)(ii)", 7350,
            [.. Series(1000, 3, 6, 12 / 30.0), new(2000, 12, 12 / 30.0), .. Series(750, 3, 18, 12 / 30.0), new(1000, 22, 29 / 30.0)],
            12, 10.22
        },
    };

    [Theory]
    [MemberData(nameof(AppendixJExamples))]
    public void Reproduces_the_appendix_J_examples_to_two_decimals(string example, double advance, UnitPeriodFlow[] payments, double unitPeriodsPerYear, double publishedApr)
    {
        var apr = AnnualPercentageRate.RegulationZ([new UnitPeriodFlow(advance, 0)], payments, unitPeriodsPerYear);

        Assert.True(Math.Round(apr, 2) == publishedApr, $"{example}: computed {apr:F4}%, published {publishedApr:F2}%");
    }

    [Fact]
    public void Without_finance_charges_beyond_interest_the_apr_is_the_nominal_rate()
    {
        // Appendix J (b)(1): the APR is the unit-period rate times the unit-periods per year, so a level
        // monthly schedule at r / 12 has an APR of r, below the EU APR of the same schedule.
        var payments = Annuity.Monthly(5000m, 9.9, 24);
        UnitPeriodFlow[] schedule = [.. Series((double)payments.Instalment, 23, 1, 0), new((double)payments.FinalInstalment, 24)];

        var apr = AnnualPercentageRate.RegulationZ([new UnitPeriodFlow(5000, 0)], schedule, 12);

        Assert.Equal(9.90, Math.Round(apr, 2));
        Assert.True(apr < AnnualPercentageRate.EuropeanUnionMonthly(5000, 0, 230.49, 24, 230.59));
    }

    [Fact]
    public void A_prepaid_finance_charge_raises_the_apr_above_the_nominal_rate()
    {
        // The $100 fee is deducted from the amount financed, so the same payments buy less credit.
        var payments = Annuity.Monthly(5000m, 9.9, 24);
        UnitPeriodFlow[] schedule = [.. Series((double)payments.Instalment, 23, 1, 0), new((double)payments.FinalInstalment, 24)];

        var apr = AnnualPercentageRate.RegulationZ([new UnitPeriodFlow(4900, 0)], schedule, 12);

        Assert.Equal(11.93, Math.Round(apr, 2));
    }

    private static UnitPeriodFlow[] Series(double amount, int count, int firstUnitPeriods, double fraction)
    {
        var flows = new UnitPeriodFlow[count];
        for (var k = 0; k < count; k++)
        {
            flows[k] = new UnitPeriodFlow(amount, firstUnitPeriods + k, fraction);
        }

        return flows;
    }
}
