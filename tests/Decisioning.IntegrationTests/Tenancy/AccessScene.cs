using Decisioning.Data;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;
using Decisioning.IntegrationTests.Reviews;

namespace Decisioning.IntegrationTests.Tenancy;

/// <summary>A tenant with decisions of every kind (referred ones waiting for review) that the matrix calls are made against.</summary>
public sealed class AccessScene
{
    private AccessScene(Platform platform, TestTenant tenant, Guid decisionId, string applicationId, Guid referredId, string modelName)
    {
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

    /// <summary>What another tenant's caller must never see: this tenant's ids.</summary>
    public IEnumerable<string> Secrets => [DecisionId.ToString(), ApplicationId, ReferredId.ToString(), Tenant.TenantId];

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
        return new AccessScene(platform, tenant, decision.GetProperty("decisionId").GetGuid(), applicationId, referredId, version[..version.LastIndexOf('-')]);
    }

    /// <summary>A new key of this tenant, for a revocation that must not take away a key the matrix still uses.</summary>
    public async Task<Guid> NewKeyIdAsync()
    {
        var key = $"{Tenant.TenantId}-spare-{Guid.NewGuid():N}";
        await new ApiKeyStore(Platform.DataSource).EnsureTenantWithKeysAsync(Tenant.TenantId, "Test lender", new Dictionary<string, string> { ["decider"] = key }, CancellationToken.None);
        return await Platform.KeyIdAsync(key);
    }
}
