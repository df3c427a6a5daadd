namespace Pricing.Quoting;

// EU CCD 2008/48/EC Annex I basic equation as a residual in X: the present value of the
// repayments and charges minus the present value of the drawdowns, times in years.
internal readonly ref struct AnnexIEquation(ReadOnlySpan<CashFlow> drawdowns, ReadOnlySpan<CashFlow> repayments) : IRateEquation
{
    private readonly ReadOnlySpan<CashFlow> _drawdowns = drawdowns;
    private readonly ReadOnlySpan<CashFlow> _repayments = repayments;

    public double Residual(double rate, out double slope)
    {
        var logBase = Math.Log(1 + rate);
        var value = 0.0;
        slope = 0.0;
        foreach (var flow in _repayments)
        {
            var discounted = flow.Amount * Math.Exp(-flow.Years * logBase);
            value += discounted;
            slope -= flow.Years * discounted / (1 + rate);
        }

        foreach (var flow in _drawdowns)
        {
            var discounted = flow.Amount * Math.Exp(-flow.Years * logBase);
            value -= discounted;
            slope += flow.Years * discounted / (1 + rate);
        }

        return value;
    }
}
