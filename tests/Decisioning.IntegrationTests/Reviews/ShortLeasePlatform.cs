using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Reviews;

// A platform whose review leases run out within the test.
public sealed class ShortLeasePlatform : IAsyncLifetime
{
    // Long enough that a loaded machine still claims twice within it, short enough to wait out.
    public const int LeaseSeconds = 6;

    public Platform Platform { get; } = new() { GatewaySettings = new Dictionary<string, string> { ["Reviews:LeaseSeconds"] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) } };

    public Task InitializeAsync() => Platform.InitializeAsync();

    public Task DisposeAsync() => Platform.DisposeAsync();
}
