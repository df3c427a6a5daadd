using System.Net.Http.Json;
using Dapper;
using Decisioning.Data;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Reviews;

public static class ReviewCalls
{
    public static Task<HttpResponseMessage> ClaimAsync(this HttpClient client) =>
        client.PostAsync("/v1/reviews/claim", content: null);

    public static Task<HttpResponseMessage> ResolveAsync(this HttpClient client, Guid decisionId, string outcome = "approve", string reason = "INCOME_VERIFIED", string? note = null) =>
        client.PostAsJsonAsync($"/v1/reviews/{decisionId}/resolve", new { outcome, reason, note });

    public static Task<HttpResponseMessage> ReleaseAsync(this HttpClient client, Guid decisionId) =>
        client.PostAsync($"/v1/reviews/{decisionId}/release", content: null);

    /// <summary>Posts a referred application and returns its decision id.</summary>
    public static async Task<Guid> ReferAsync(this HttpClient decider)
    {
        using var response = await decider.PostDecisionAsync(Applications.MediumRisk());
        var decision = await response.JsonAsync();
        Assert.Equal("refer", decision.GetProperty("outcome").GetString());
        return decision.GetProperty("decisionId").GetGuid();
    }

    /// <summary>Adds <paramref name="count"/> more reviewer keys to the tenant.</summary>
    public static async Task<IReadOnlyList<string>> AddReviewersAsync(this Platform platform, TestTenant tenant, int count)
    {
        var store = new ApiKeyStore(platform.DataSource);
        var keys = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var key = $"{tenant.TenantId}-reviewer{i}-{Guid.NewGuid():N}";
            await store.EnsureTenantWithKeysAsync(tenant.TenantId, "Test lender", new Dictionary<string, string> { ["reviewer"] = key }, CancellationToken.None);
            keys.Add(key);
        }

        return keys;
    }

    /// <summary>The id the platform gave an API key.</summary>
    public static async Task<Guid> KeyIdAsync(this Platform platform, string apiKey)
    {
        await using var connection = await platform.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<Guid>("SELECT key_id FROM api_keys WHERE key_hash = @Hash", new { Hash = ApiKeyHash.Compute(apiKey) });
    }

    /// <summary>The decision document exactly as stored.</summary>
    public static async Task<string> StoredDocumentAsync(this Platform platform, string tenantId, Guid decisionId)
    {
        await using var connection = await platform.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<string>(
            "SELECT document::text FROM decisions WHERE tenant_id = @tenantId AND decision_id = @decisionId", new { tenantId, decisionId }) ?? "";
    }
}
