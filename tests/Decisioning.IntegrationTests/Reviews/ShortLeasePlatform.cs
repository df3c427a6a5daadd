using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Reviews;

// A platform whose review leases run out within the test.
public sealed class ShortLeasePlatform : IAsyncLifetime
{
    public const int LeaseSeconds = 2;

    public Platform Platform { get; } = new() { GatewaySettings = new Dictionary<string, string> { ["Reviews:LeaseSeconds"] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) } };

    public Task InitializeAsync() => Platform.InitializeAsync();

    public Task DisposeAsync() => Platform.DisposeAsync();
}
