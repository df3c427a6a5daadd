namespace Pricing.Quoting;

// Bound from the "Pricing" configuration section; rates are annual, in percent.
public sealed class PricingOptions
{
    public const string SectionName = "Pricing";

    public string PricingVersion { get; init; } = "";

    public double CostOfFundsPct { get; init; }

    // Share of the exposure lost when a borrower defaults, 0 to 1.
    public double LossGivenDefault { get; init; }

    public double OperatingCostPct { get; init; }

    public double MarginPct { get; init; }

    public double MaxAnnualRatePct { get; init; }

    public decimal OriginationFeeFlat { get; init; }

    // Percent of the amount, added to the flat fee.
    public double OriginationFeePct { get; init; }

    public Dictionary<string, ProductLimits> Products { get; init; } = [];
}
