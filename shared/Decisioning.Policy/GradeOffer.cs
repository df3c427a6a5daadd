namespace Decisioning.Policy;

/// <summary>The price of the requested loan for one risk grade.</summary>
public sealed record GradeOffer(string Grade, double AnnualRatePct, double AprPct, double MonthlyPayment, double TotalRepayable, bool Capped);
