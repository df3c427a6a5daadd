using Pricing.Quoting;

namespace Pricing.UnitTests;

internal static class TestOptions
{
    public const string Product = "personal_loan";

    public static PricingOptions Default(decimal feeFlat = 0, double feePct = 0, double maxAnnualRatePct = 36) => new()
    {
        PricingVersion = "pricing-1",
        CostOfFundsPct = 3.5,
        LossGivenDefault = 0.65,
        OperatingCostPct = 2.0,
        MarginPct = 1.5,
        MaxAnnualRatePct = maxAnnualRatePct,
        OriginationFeeFlat = feeFlat,
        OriginationFeePct = feePct,
        Products = new()
        {
            [Product] = new ProductLimits { MinAmount = 250, MaxAmount = 20000, MinTermMonths = 6, MaxTermMonths = 72 },
        },
    };
}
