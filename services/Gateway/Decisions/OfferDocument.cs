namespace Gateway.Decisions;

// Money is decimal, so the JSON shows exact cents; FinalPayment is the last instalment, which absorbs the others' rounding.
public sealed record OfferDocument(double AnnualRatePct, double AprPct, decimal MonthlyPayment, decimal FinalPayment, decimal TotalRepayable, string PricingVersion);
