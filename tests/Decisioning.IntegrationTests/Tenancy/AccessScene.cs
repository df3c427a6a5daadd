using System.Net.Http.Json;
using Decisioning.Data;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;
using Decisioning.IntegrationTests.Reviews;

namespace Decisioning.IntegrationTests.Tenancy;

/// <summary>A tenant with decisions of every kind (referred ones waiting for review) that the matrix calls are made against.</summary>
public sealed class AccessScene
{
    private AccessScene(Platform platform, TestTenant tenant, Guid decisionId, string applicationId, Guid referredId, string modelName, Guid webhookId)
    {
        WebhookId = webhookId;
        Platform = platform;
        Tenant = tenant;
        DecisionId = decisionId;
        ApplicationId = applicationId;
        ReferredId = referredId;
        ModelName = modelName;
    }

    public Platform Platform { get; }

    public TestTenant Tenant { get; }

    public Guid DecisionId { get; }

    public string ApplicationId { get; }

    public Guid ReferredId { get; }

    public string ModelName { get; }

    public Guid WebhookId { get; }

    /// <summary>What another tenant's caller must never see: this tenant's ids.</summary>
    public IEnumerable<string> Secrets => [DecisionId.ToString(), ApplicationId, ReferredId.ToString(), Tenant.TenantId, WebhookId.ToString()];

    public static async Task<AccessScene> CreateAsync(Platform platform, int referrals)
    {
        var tenant = await platform.CreateTenantAsync();
        using var decider = platform.Client(tenant.Decider);
        var applicationId = "app-" + Guid.NewGuid().ToString("N");
        using var created = await decider.PostDecisionAsync(Applications.LowRisk(applicationId));
        var decision = await created.JsonAsync();
        var referredId = Guid.Empty;
        for (var i = 0; i < referrals; i++)
        {
            referredId = await decider.ReferAsync();
        }

        // Versions are "<name>-<version>"; the performance endpoint takes the name.
        var version = decision.GetProperty("score").GetProperty("modelVersion").GetString()!;
        var webhookId = await NewWebhookIdAsync(platform, tenant);
        return new AccessScene(platform, tenant, decision.GetProperty("decisionId").GetGuid(), applicationId, referredId, version[..version.LastIndexOf('-')], webhookId);
    }

    /// <summary>A new backtest of this tenant, still queued (no Worker runs in the matrix's platform), for calls that may cancel it.</summary>
    public async Task<Guid> NewBacktestIdAsync()
    {
        using var analyst = Platform.Client(Tenant.Analyst);
        using var response = await analyst.PostAsJsonAsync("/v1/backtests", BacktestBody);
        response.EnsureSuccessStatusCode();
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    /// <summary>A backtest of the last day's decisions with the challenger.</summary>
    public static object BacktestBody => new
    {
        from = DateTime.UtcNow.AddDays(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        to = DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        candidate = new { model = "german-gbm/1" },
    };

    /// <summary>A new webhook endpoint of this tenant (on a loopback port nothing listens on), for calls that may delete it.</summary>
    public Task<Guid> NewWebhookIdAsync() => NewWebhookIdAsync(Platform, Tenant);

    private static async Task<Guid> NewWebhookIdAsync(Platform platform, TestTenant tenant)
    {
        var endpoint = await new WebhookStore(platform.DataSource).CreateAsync(
            tenant.TenantId, "http://127.0.0.1:9/hooks", ["decision.made.v1"], "access matrix", "whsec_" + Convert.ToBase64String(new byte[32]), 1000, CancellationToken.None);
        return endpoint!.EndpointId;
    }

    /// <summary>A dead delivery of a new webhook endpoint of this tenant, for a redrive.</summary>
    public async Task<(Guid WebhookId, Guid DeliveryId)> NewDeadDeliveryAsync()
    {
        var webhookId = await NewWebhookIdAsync();
        var deliveryId = Guid.CreateVersion7();
        await using var command = Platform.DataSource.CreateCommand("""
            INSERT INTO webhook_deliveries (tenant_id, delivery_id, endpoint_id, event_id, event_type, body, status, attempts, next_attempt_at)
            VALUES ($1, $2, $3, $4, 'decision.made.v1', '{}', 'dead', 9, NULL)
            """);
        command.Parameters.Add(new() { Value = Tenant.TenantId });
        command.Parameters.Add(new() { Value = deliveryId });
        command.Parameters.Add(new() { Value = webhookId });
        command.Parameters.Add(new() { Value = Guid.CreateVersion7() });
        await command.ExecuteNonQueryAsync();
        return (webhookId, deliveryId);
    }

    /// <summary>A new key of this tenant, for a revocation that must not take away a key the matrix still uses.</summary>
    public async Task<Guid> NewKeyIdAsync()
    {
        var key = $"{Tenant.TenantId}-spare-{Guid.NewGuid():N}";
        await new ApiKeyStore(Platform.DataSource).EnsureTenantWithKeysAsync(Tenant.TenantId, "Test lender", new Dictionary<string, string> { ["decider"] = key }, CancellationToken.None);
        return await Platform.KeyIdAsync(key);
    }
}
