namespace Decisioning.Contracts.Text;

/// <summary>How error messages quote what a caller sent: never more than a short prefix of it.</summary>
public static class EchoedInput
{
    /// <summary>The longest echo, in characters, before it is cut and marked with an ellipsis.</summary>
    public const int MaxLength = 40;

    /// <summary><paramref name="value"/> as it may appear in an error message ("" for null).</summary>
    public static string Shorten(string? value) => value is { Length: > MaxLength } ? value[..MaxLength] + "…" : value ?? "";
}
