using System.ComponentModel.DataAnnotations;

namespace Gateway.Auth;

// How many unknown or malformed API keys one client address may send per window before its requests with a key are
// refused (429) without a lookup, until the window ends.
public sealed class FailedKeyAttemptOptions
{
    public const string Section = "Auth:FailedKeyAttempts";

    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 60;

    [Range(1, 3600)]
    public int WindowSeconds { get; set; } = 60;

    // Addresses tracked at once; past it, new addresses go uncounted until old windows end (memory stays bounded).
    [Range(100, 10_000_000)]
    public int MaxAddresses { get; set; } = 100_000;
}
