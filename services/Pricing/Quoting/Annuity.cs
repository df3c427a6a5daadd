namespace Pricing.Quoting;

public static class Annuity
{
    // Rounding rule: the instalment is A = P·r / (1 − (1 + r)^−n), r = nominal annual rate / 12,
    // rounded half away from zero to the cent. The final instalment is what is left after n − 1
    // instalments plus that month's interest, rounded the same way, so the schedule repays P at
    // the contract rate to within half a cent instead of drifting by up to n half cents.
    public static AnnuityPayments Monthly(decimal principal, double annualRatePct, int termMonths)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(termMonths, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(annualRatePct);
        var p = (double)principal;
        var r = annualRatePct / 1200;
        if (r == 0)
        {
            var level = Money.RoundToCent(principal / termMonths);
            return new AnnuityPayments(level, principal - level * (termMonths - 1));
        }

        var growth = Math.Pow(1 + r, termMonths);
        var instalment = Money.RoundToCent(p * r * growth / (growth - 1));
        // Balance after n − 1 instalments, grown one month: P·g − A·(g − 1 − r) / r.
        var final = p * growth - (double)instalment * (growth - 1 - r) / r;
        return new AnnuityPayments(instalment, Money.RoundToCent(final));
    }
}
