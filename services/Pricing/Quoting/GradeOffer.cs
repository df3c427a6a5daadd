namespace Pricing.Quoting;

// The offer for one risk grade. Rates are annual percentages; AprPct is the EU Annex I APR rounded
// half up to 0.01. MonthlyPayment is due in months 1..n−1 and FinalPayment in month n.
// Capped: the risk-based floor was above the cap, so this rate does not cover expected loss.
public readonly record struct GradeOffer(
    string Grade,
    double AnnualRatePct,
    double AprPct,
    decimal MonthlyPayment,
    decimal FinalPayment,
    decimal TotalRepayable,
    bool Capped,
    double FloorRatePct);
