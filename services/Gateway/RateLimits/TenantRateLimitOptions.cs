using System.ComponentModel.DataAnnotations;

namespace Gateway.RateLimits;

// A token bucket per tenant: Burst requests at once, refilled at PerSecond.
public sealed class TenantRateLimitOptions
{
    [Range(1, 1_000_000)]
    public int PerSecond { get; set; }

    [Range(1, 1_000_000)]
    public int Burst { get; set; }
}
