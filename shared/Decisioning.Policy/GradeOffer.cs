namespace Decisioning.Policy;

/// <summary>
/// The price of the requested loan for one risk grade. Money is exact: <see cref="MonthlyPayment"/> is due in
/// months 1..n−1 and <see cref="FinalPayment"/> (which absorbs the rounding to the cent) in month n.
/// </summary>
public sealed record GradeOffer(string Grade, double AnnualRatePct, double AprPct, decimal MonthlyPayment, decimal FinalPayment, decimal TotalRepayable, bool Capped);
