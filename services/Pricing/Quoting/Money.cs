namespace Pricing.Quoting;

internal static class Money
{
    // Through decimal (15 significant digits) so that a double a hair below a half cent still rounds up.
    public static decimal RoundToCent(double amount) => RoundToCent((decimal)amount);

    public static decimal RoundToCent(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
