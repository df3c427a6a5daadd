namespace Decisioning.Contracts.Types.V1;

/// <summary>Money on the wire: the one place where <see cref="decimal"/> and <c>DecimalValue</c> convert.</summary>
public sealed partial class DecimalValue
{
    private const decimal NanosPerUnit = 1_000_000_000m;

    /// <summary>The exact value of <paramref name="value"/> to nine decimal places (money needs two).</summary>
    public static implicit operator DecimalValue(decimal value)
    {
        var units = decimal.Truncate(value);
        return new DecimalValue { Units = (long)units, Nanos = (int)((value - units) * NanosPerUnit) };
    }

    /// <summary>
    /// The amount <paramref name="value"/> carries (0 when it is missing, as for any proto3 field), or false when
    /// its nanos are out of range or of the other sign than its units.
    /// </summary>
    public static bool TryToDecimal(DecimalValue? value, out decimal amount)
    {
        amount = 0;
        if (value is null)
        {
            return true;
        }

        if (value.Nanos is <= -1_000_000_000 or >= 1_000_000_000 || (value.Units > 0 && value.Nanos < 0) || (value.Units < 0 && value.Nanos > 0))
        {
            return false;
        }

        amount = value.Units + value.Nanos / NanosPerUnit;
        return true;
    }

    /// <summary>The amount a value made by this platform carries; throws <see cref="FormatException"/> on a malformed one.</summary>
    public static decimal ToDecimal(DecimalValue? value) =>
        TryToDecimal(value, out var amount) ? amount : throw new FormatException("A DecimalValue's nanos must lie in (-10^9, 10^9) and share the sign of its units.");
}
