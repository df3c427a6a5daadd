namespace Pricing.Quoting;

// A quote request the pricing configuration cannot price; Field names the offending input.
public sealed class PricingInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
