namespace Gateway.Decisions;

public sealed record OfferDocument(double AnnualRatePct, double AprPct, double MonthlyPayment, double TotalRepayable, string PricingVersion);
