using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Fuzzing;

// A platform whose rate limits (and the throttle of wrong keys per client address) stay out of the way, so the bad
// requests reach the routes' own checks.
public sealed class FuzzingPlatform : IAsyncLifetime
{
    public Platform Platform { get; } = new()
    {
        GatewaySettings = new Dictionary<string, string>
        {
            ["RateLimits:Decisions:PerSecond"] = "100000",
            ["RateLimits:Decisions:Burst"] = "100000",
            ["RateLimits:History:PerSecond"] = "100000",
            ["RateLimits:History:Burst"] = "100000",
            ["Auth:FailedKeyAttempts:PermitLimit"] = "1000000",
        },
    };

    public Task InitializeAsync() => Platform.InitializeAsync();

    public Task DisposeAsync() => Platform.DisposeAsync();
}
