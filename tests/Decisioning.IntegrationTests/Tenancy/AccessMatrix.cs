using System.Net;
using System.Net.Http.Json;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.GraphQl;
using Decisioning.IntegrationTests.Outcomes;
using Decisioning.IntegrationTests.Reviews;

namespace Decisioning.IntegrationTests.Tenancy;

/// <summary>Who may call what: the expected access matrix of the Gateway, one row per endpoint.</summary>
public static class AccessMatrix
{
    private const string Decider = "decider";
    private const string Analyst = "analyst";
    private const string Reviewer = "reviewer";
    private const string Admin = "admin";

    public static readonly IReadOnlyList<string> AllRoles = [Decider, Analyst, Reviewer, Admin];

    /// <summary>The endpoints the OpenAPI document describes.</summary>
    public static readonly IReadOnlyList<AccessRule> Documented =
    [
        new("POST", "/v1/decisions", [Decider, Admin], [201], CrossTenant.OwnDataOnly,
            (client, _) => client.PostDecisionAsync(Applications.LowRisk())),
        new("GET", "/v1/decisions/{decisionId}", [Decider, Analyst, Admin], [200], CrossTenant.NotFound,
            (client, scene) => client.GetAsync($"/v1/decisions/{scene.DecisionId}")),
        new("GET", "/v1/decisions/{decisionId}/application", [Analyst, Reviewer, Admin], [200], CrossTenant.NotFound,
            (client, scene) => client.GetAsync($"/v1/decisions/{scene.DecisionId}/application")),
        // Who the key is: every role's own.
        new("GET", "/v1/me", [Decider, Analyst, Reviewer, Admin], [200], CrossTenant.OwnDataOnly,
            (client, _) => client.GetAsync("/v1/me")),
        new("POST", "/v1/decisions/{decisionId}/replay", [Analyst, Admin], [200], CrossTenant.NotFound,
            (client, scene) => client.PostAsync($"/v1/decisions/{scene.DecisionId}/replay", null)),
        new("GET", "/v1/decisions", [Analyst, Admin], [200], CrossTenant.OwnDataOnly,
            (client, scene) => client.GetAsync($"/v1/decisions?limit=50&applicationId={scene.ApplicationId}")),
        new("GET", "/v1/decisions/stats", [Analyst, Admin], [200], CrossTenant.OwnDataOnly,
            (client, _) => client.GetAsync("/v1/decisions/stats?groupBy=outcome")),
        new("GET", "/v1/decisions/export", [Analyst, Admin], [200], CrossTenant.OwnDataOnly,
            (client, _) => client.GetAsync("/v1/decisions/export")),
        new("POST", "/v1/backtests", [Analyst, Admin], [202], CrossTenant.OwnDataOnly,
            (client, _) => client.PostAsJsonAsync("/v1/backtests", AccessScene.BacktestBody)),
        new("GET", "/v1/backtests", [Analyst, Admin], [200], CrossTenant.OwnDataOnly,
            (client, _) => client.GetAsync("/v1/backtests")),
        new("GET", "/v1/backtests/{backtestId}", [Analyst, Admin], [200], CrossTenant.NotFound,
            async (client, scene) => await client.GetAsync($"/v1/backtests/{await scene.NewBacktestIdAsync()}")),
        new("POST", "/v1/backtests/{backtestId}/cancel", [Analyst, Admin], [200], CrossTenant.NotFound,
            async (client, scene) => await client.PostAsync($"/v1/backtests/{await scene.NewBacktestIdAsync()}/cancel", null)),
        new("POST", "/v1/reviews/claim", [Reviewer, Admin], [200], CrossTenant.OwnDataOnly,
            (client, _) => client.ClaimAsync()),
        new("POST", "/v1/reviews/{decisionId}/resolve", [Reviewer, Admin], [200], CrossTenant.NotFound, ResolveHeldOrReferredAsync),
        new("POST", "/v1/reviews/{decisionId}/release", [Reviewer, Admin], [204], CrossTenant.NotFound, ReleaseHeldOrReferredAsync),
        new("POST", "/v1/outcomes", [Admin], [200], CrossTenant.OwnDataOnly,
            (client, scene) => client.PostOutcomesAsync(OutcomeCalls.ForDecision(scene.DecisionId, "repaid"), OutcomeCalls.ForApplication(scene.ApplicationId, "repaid"))),
        // The models served are the platform's, not a tenant's.
        new("GET", "/v1/models", [Analyst, Admin], [200], CrossTenant.OwnDataOnly,
            (client, _) => client.GetAsync("/v1/models")),
        // Model names are no tenant's ids: another tenant gets the comparison of its own decisions.
        new("GET", "/v1/models/{champion}/comparison/{challenger}", [Analyst, Admin], [200], CrossTenant.OwnDataOnly,
            (client, _) => client.GetAsync("/v1/models/german-scorecard/comparison/german-gbm")),
        // Model cards are the platform's, the same for every tenant.
        new("GET", "/v1/models/{name}/{version}/card", [Analyst, Admin], [200], CrossTenant.OwnDataOnly,
            (client, _) => client.GetAsync("/v1/models/german-scorecard/1/card")),
        // A model name is no tenant's id: another tenant gets the performance of its own decisions by that model.
        new("GET", "/v1/models/{name}/performance", [Analyst, Admin], [200], CrossTenant.OwnDataOnly,
            (client, scene) => client.GetAsync($"/v1/models/{scene.ModelName}/performance")),
        new("GET", "/v1/models/{name}/drift", [Analyst, Admin], [200], CrossTenant.OwnDataOnly,
            (client, scene) => client.GetAsync($"/v1/models/{scene.ModelName}/drift")),
        new("GET", "/v1/reports/fairness", [Analyst, Admin], [200], CrossTenant.OwnDataOnly,
            (client, _) => client.GetAsync("/v1/reports/fairness")),
        // GraphQL reads what the history's endpoints read: another tenant's ids come back null, its list empty.
        new("POST", "/graphql", [Analyst, Admin], [200], CrossTenant.OwnDataOnly,
            (client, scene) => client.PostGraphQlAsync(
                "query ($id: ID!, $app: String) { decision(id: $id) { decisionId } decisions(filter: { applicationId: $app }) { nodes { decisionId } } }",
                new { id = scene.DecisionId, app = scene.ApplicationId })),
        new("POST", "/v1/admin/keys", [Admin], [201], CrossTenant.OwnDataOnly,
            (client, _) => client.PostAsJsonAsync("/v1/admin/keys", new { role = Decider })),
        new("GET", "/v1/admin/keys", [Admin], [200], CrossTenant.OwnDataOnly,
            (client, _) => client.GetAsync("/v1/admin/keys")),
        new("DELETE", "/v1/admin/keys/{keyId}", [Admin], [204], CrossTenant.NotFound,
            async (client, scene) => await client.DeleteAsync($"/v1/admin/keys/{await scene.NewKeyIdAsync()}")),
        new("POST", "/v1/webhooks", [Admin], [201], CrossTenant.OwnDataOnly,
            (client, _) => client.PostAsJsonAsync("/v1/webhooks", new { url = "http://127.0.0.1:9/matrix", events = new[] { "decision.made.v1" } })),
        new("GET", "/v1/webhooks", [Admin], [200], CrossTenant.OwnDataOnly,
            (client, _) => client.GetAsync("/v1/webhooks")),
        new("GET", "/v1/webhooks/{webhookId}", [Admin], [200], CrossTenant.NotFound,
            (client, scene) => client.GetAsync($"/v1/webhooks/{scene.WebhookId}")),
        new("DELETE", "/v1/webhooks/{webhookId}", [Admin], [204], CrossTenant.NotFound,
            async (client, scene) => await client.DeleteAsync($"/v1/webhooks/{await scene.NewWebhookIdAsync()}")),
        new("POST", "/v1/webhooks/{webhookId}/rotate-secret", [Admin], [200], CrossTenant.NotFound,
            (client, scene) => client.PostAsync($"/v1/webhooks/{scene.WebhookId}/rotate-secret", null)),
        new("GET", "/v1/webhooks/{webhookId}/deliveries", [Admin], [200], CrossTenant.NotFound,
            (client, scene) => client.GetAsync($"/v1/webhooks/{scene.WebhookId}/deliveries")),
        new("POST", "/v1/webhooks/{webhookId}/deliveries/{deliveryId}/redrive", [Admin], [202], CrossTenant.NotFound,
            async (client, scene) =>
            {
                var (webhookId, deliveryId) = await scene.NewDeadDeliveryAsync();
                return await client.PostAsync($"/v1/webhooks/{webhookId}/deliveries/{deliveryId}/redrive", null);
            }),
        new("POST", "/v1/webhooks/{webhookId}/test", [Admin], [202], CrossTenant.NotFound,
            (client, scene) => client.PostAsync($"/v1/webhooks/{scene.WebhookId}/test", null)),
    ];

    /// <summary>Open endpoints the OpenAPI document leaves out on purpose.</summary>
    public static readonly IReadOnlyList<AccessRule> Undocumented =
    [
        new("GET", "/health", [], [200], CrossTenant.OwnDataOnly, (client, _) => client.GetAsync("/health")),
        new("GET", "/alive", [], [200], CrossTenant.OwnDataOnly, (client, _) => client.GetAsync("/alive")),
        new("GET", "/metrics", [], [200], CrossTenant.OwnDataOnly, (client, _) => client.GetAsync("/metrics")),
        new("GET", "/openapi/v1.json", [], [200], CrossTenant.OwnDataOnly, (client, _) => client.GetAsync("/openapi/v1.json")),
    ];

    public static IEnumerable<AccessRule> All => Documented.Concat(Undocumented);

    // A reviewer resolves the case the claim hands them; a caller the claim refuses (or finds nothing for)
    // tries the scene's referred decision, which its role or its tenant must keep it from.
    private static async Task<HttpResponseMessage> ResolveHeldOrReferredAsync(HttpClient client, AccessScene scene)
    {
        using var claim = await client.ClaimAsync();
        var decisionId = claim.StatusCode == HttpStatusCode.OK ? (await claim.JsonAsync()).GetProperty("decisionId").GetGuid() : scene.ReferredId;
        return await client.ResolveAsync(decisionId, "decline", "AFFORDABILITY", "checked payslips");
    }

    // The same for a release: the claimed case goes back to the queue.
    private static async Task<HttpResponseMessage> ReleaseHeldOrReferredAsync(HttpClient client, AccessScene scene)
    {
        using var claim = await client.ClaimAsync();
        var decisionId = claim.StatusCode == HttpStatusCode.OK ? (await claim.JsonAsync()).GetProperty("decisionId").GetGuid() : scene.ReferredId;
        return await client.ReleaseAsync(decisionId);
    }
}
