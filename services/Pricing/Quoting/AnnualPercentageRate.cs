namespace Pricing.Quoting;

// Annual percentage rates by the actuarial method, unrounded, in percent (10.36 means 10.36 %).
public static class AnnualPercentageRate
{
    // EU Consumer Credit Directive 2008/48/EC Annex I: the X at which drawdowns and repayments
    // (charges included) have equal present values, each discounted by (1 + X)^-years.
    public static double EuropeanUnion(ReadOnlySpan<CashFlow> drawdowns, ReadOnlySpan<CashFlow> repayments)
    {
        var equation = new AnnexIEquation(drawdowns, repayments);
        return 100 * RateSolver.Solve(ref equation, low: -0.99, high: 1e4, guess: 0.1);
    }

    // Annex I for one advance repaid monthly: upfront charges paid at the drawdown, count − 1 equal
    // instalments from month 1, and a final instalment at month count.
    public static double EuropeanUnionMonthly(double amount, double upfrontCharges, double instalment, int count, double finalInstalment)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var netAdvance = amount - upfrontCharges;
        var equation = new MonthlyInstalmentEquation(netAdvance, instalment, count, finalInstalment);
        // The constant-ratio approximation 2C / (P(n + 1)) starts Newton within a few steps of the root.
        var financeCharge = (count - 1) * instalment + finalInstalment - netAdvance;
        var guess = 2 * financeCharge / (netAdvance * (count + 1));
        var monthly = RateSolver.Solve(ref equation, low: -0.5, high: 10, guess: guess);
        return 100 * (Math.Pow(1 + monthly, 12) - 1);
    }

    // US Regulation Z (12 CFR 1026) Appendix J actuarial method: the unit-period rate i solving the
    // (b)(8) general equation, times the unit-periods per year w, per (b)(1).
    public static double RegulationZ(ReadOnlySpan<UnitPeriodFlow> advances, ReadOnlySpan<UnitPeriodFlow> payments, double unitPeriodsPerYear)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(unitPeriodsPerYear);
        var equation = new AppendixJEquation(advances, payments);
        var unitPeriodRate = RateSolver.Solve(ref equation, low: -0.99, high: 100, guess: 0.01);
        return 100 * unitPeriodsPerYear * unitPeriodRate;
    }
}
