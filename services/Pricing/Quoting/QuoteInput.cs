namespace Pricing.Quoting;

public readonly record struct QuoteInput(string Product, decimal Amount, int TermMonths);
