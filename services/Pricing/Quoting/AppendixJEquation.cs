namespace Pricing.Quoting;

// Regulation Z Appendix J (b)(8) general equation as a residual in the unit-period rate i:
// payments minus advances, each discounted by (1 + f·i)(1 + i)^t. A fraction of a unit-period
// earns simple interest, per (b)(6), not a fractional power.
internal readonly ref struct AppendixJEquation(ReadOnlySpan<UnitPeriodFlow> advances, ReadOnlySpan<UnitPeriodFlow> payments) : IRateEquation
{
    private readonly ReadOnlySpan<UnitPeriodFlow> _advances = advances;
    private readonly ReadOnlySpan<UnitPeriodFlow> _payments = payments;

    public double Residual(double rate, out double slope)
    {
        var value = 0.0;
        slope = 0.0;
        foreach (var flow in _payments)
        {
            var term = Discount(flow, rate, out var termSlope);
            value += term;
            slope += termSlope;
        }

        foreach (var flow in _advances)
        {
            var term = Discount(flow, rate, out var termSlope);
            value -= term;
            slope -= termSlope;
        }

        return value;
    }

    private static double Discount(UnitPeriodFlow flow, double rate, out double slope)
    {
        var simple = 1 + flow.Fraction * rate;
        var compound = Math.Pow(1 + rate, flow.UnitPeriods);
        var value = flow.Amount / (simple * compound);
        slope = -value * (flow.Fraction / simple + flow.UnitPeriods / (1 + rate));
        return value;
    }
}
