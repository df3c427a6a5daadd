namespace Pricing.Quoting;

// The amounts and terms a product is offered for, both ends inclusive.
public sealed class ProductLimits
{
    public decimal MinAmount { get; init; }

    public decimal MaxAmount { get; init; }

    public int MinTermMonths { get; init; }

    public int MaxTermMonths { get; init; }
}
