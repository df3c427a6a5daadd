using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Security;

// One platform for the OWASP tests, with limits small enough to reach within a test: ten failed key attempts per
// address and minute, exports of at most three decisions.
public sealed class SecurityPlatform : IAsyncLifetime
{
    public const int FailedKeyAttempts = 10;
    public const int MaxExportRows = 3;

    public Platform Platform { get; } = new()
    {
        GatewaySettings = new Dictionary<string, string>
        {
            ["Auth:FailedKeyAttempts:PermitLimit"] = FailedKeyAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["History:MaxExportRows"] = MaxExportRows.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };

    public Task InitializeAsync() => Platform.InitializeAsync();

    public Task DisposeAsync() => Platform.DisposeAsync();
}
