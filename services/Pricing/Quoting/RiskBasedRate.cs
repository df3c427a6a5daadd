namespace Pricing.Quoting;

public static class RiskBasedRate
{
    // The PD a grade carries is over the loan's life: the German credit data labels each loan good or
    // bad over its whole term. Assuming a constant default hazard, the yearly default probability is
    // 1 − (1 − PD)^(12 / term); it is term-consistent (a 6-month PD compounds up, a 48-month PD
    // spreads out) and, unlike PD / years, never exceeds 1. Times LGD it is the yearly expected loss.
    public static double AnnualisedExpectedLossPct(double lifetimeProbabilityOfDefault, double lossGivenDefault, int termMonths)
    {
        var annualDefault = 1 - Math.Pow(1 - lifetimeProbabilityOfDefault, 12.0 / termMonths);
        return 100 * annualDefault * lossGivenDefault;
    }

    // The lowest rate that pays for the money, the expected loss, the running costs and the margin.
    public static double FloorPct(PricingOptions options, double lifetimeProbabilityOfDefault, int termMonths) =>
        options.CostOfFundsPct
        + AnnualisedExpectedLossPct(lifetimeProbabilityOfDefault, options.LossGivenDefault, termMonths)
        + options.OperatingCostPct
        + options.MarginPct;

    // The market's rate, but never below the floor; rounded up to 0.01 % so the offered rate never
    // undercuts the floor (the 1e-9 absorbs binary noise: 9.81 stored as 9.8100000000000005 must
    // stay 9.81), then capped. Capped means the floor itself was above the cap.
    public static double OfferedRatePct(double floorPct, double marketPct, double maxAnnualRatePct, out bool capped)
    {
        capped = floorPct > maxAnnualRatePct;
        var roundedUp = Math.Ceiling(Math.Max(floorPct, marketPct) * 100 - 1e-9) / 100;
        return Math.Min(roundedUp, maxAnnualRatePct);
    }
}
