namespace Pricing.Quoting;

// Offers for every grade A..G, best grade first. TotalRepayable of each offer includes OriginationFee.
public sealed record Quote(
    string Product,
    string PricingVersion,
    decimal Amount,
    int TermMonths,
    decimal OriginationFee,
    IReadOnlyList<GradeOffer> Offers);
