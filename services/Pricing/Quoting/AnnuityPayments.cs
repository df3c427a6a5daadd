namespace Pricing.Quoting;

// A level monthly schedule: Instalment in months 1..n−1 and FinalInstalment in month n.
public readonly record struct AnnuityPayments(decimal Instalment, decimal FinalInstalment)
{
    public decimal Total(int termMonths) => Instalment * (termMonths - 1) + FinalInstalment;
}
