namespace Pricing.Quoting;

// The Annex I equation for one drawdown at t = 0 repaid by (count − 1) equal monthly instalments
// and a final one, months being twelfths of a year (Annex I remark (c)). With 1 + j = (1 + X)^(1/12)
// the sums are geometric, so each evaluation costs one Math.Pow instead of one per instalment.
internal readonly struct MonthlyInstalmentEquation(double netAdvance, double instalment, int count, double finalInstalment) : IRateEquation
{
    public double Residual(double rate, out double slope)
    {
        // v is the one-month discount factor; regular instalments fall at months 1..m.
        var v = 1 / (1 + rate);
        var m = count - 1;
        var vm = Math.Pow(v, m);
        var vn = vm * v;
        var oneMinusV = 1 - v;

        double annuity;
        double annuitySlopeInV;
        if (Math.Abs(oneMinusV) < 1e-6)
        {
            // Near v = 1 the closed forms cancel; the series' limits are exact enough here.
            annuity = Math.Abs(oneMinusV) < 1e-12 ? m : v * (1 - vm) / oneMinusV;
            annuitySlopeInV = 0.5 * m * (m + 1);
        }
        else
        {
            annuity = v * (1 - vm) / oneMinusV;
            annuitySlopeInV = (1 - (m + 1) * vm + m * vm * v) / (oneMinusV * oneMinusV);
        }

        var value = instalment * annuity + finalInstalment * vn - netAdvance;
        var slopeInV = instalment * annuitySlopeInV + finalInstalment * count * vm;
        slope = -slopeInV * v * v;
        return value;
    }
}
