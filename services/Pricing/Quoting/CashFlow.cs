namespace Pricing.Quoting;

// An amount paid or received, Years after the first drawdown (EU CCD Annex I: t_k and s_l).
public readonly record struct CashFlow(double Amount, double Years);
