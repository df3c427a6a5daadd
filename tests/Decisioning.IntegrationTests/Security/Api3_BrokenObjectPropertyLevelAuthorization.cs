using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Security;

// OWASP API3:2023, mass assignment. Fields the server owns (ids, tenant, times, outcome, score, secrets, status) are
// never taken from a body: the decision, webhook and key bodies ignore unknown fields, the backtest and replay
// bodies refuse them (400); either way nothing the caller sent for them is stored or answered.
[Collection(SecurityCollection.Name)]
public class Api3_BrokenObjectPropertyLevelAuthorization(SecurityPlatform security)
{
    private static readonly Guid ChosenId = Guid.Parse("0193a4c0-0000-7000-8000-000000000001");

    private Platform Platform => security.Platform;

    [Fact]
    public async Task Api3_a_decision_body_cannot_choose_its_id_tenant_time_outcome_score_or_offer()
    {
        var tenant = await Platform.CreateTenantAsync();
        var other = await Platform.CreateTenantAsync();
        using var decider = Platform.Client(tenant.Decider);
        using var clean = await decider.PostDecisionAsync(Applications.HighRisk("LA-clean"));
        var body = Applications.HighRisk("LA-forged");
        body["decisionId"] = ChosenId.ToString();
        body["tenantId"] = other.TenantId;
        body["decidedAt"] = "2000-01-01T00:00:00.000Z";
        body["outcome"] = "approve";
        body["policyVersion"] = "policy-0";
        body["score"] = new JsonObject { ["pd"] = 0.001, ["grade"] = "A", ["modelVersion"] = "mine" };
        body["offer"] = new JsonObject { ["annualRatePct"] = 0.1, ["monthlyPayment"] = 1 };

        using var forged = await decider.PostDecisionAsync(body);
        var expected = await clean.JsonAsync();
        var answered = await forged.JsonAsync();
        var stored = await Platform.Client(tenant.Analyst).GetStringAsync($"/v1/decisions/{answered.GetProperty("decisionId").GetGuid()}");

        Assert.Equal(HttpStatusCode.Created, forged.StatusCode);
        Assert.NotEqual(ChosenId, answered.GetProperty("decisionId").GetGuid());
        Assert.Equal(expected.GetProperty("outcome").GetString(), answered.GetProperty("outcome").GetString());
        Assert.NotEqual("approve", answered.GetProperty("outcome").GetString());
        Assert.Equal(expected.GetProperty("score").GetProperty("pd").GetDouble(), answered.GetProperty("score").GetProperty("pd").GetDouble());
        Assert.Equal(expected.GetProperty("policyVersion").GetString(), answered.GetProperty("policyVersion").GetString());
        Assert.True(answered.GetProperty("decidedAt").GetDateTime() > DateTime.UtcNow.AddHours(-1));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, answered.GetProperty("offer").ValueKind);
        Assert.DoesNotContain("mine", stored, StringComparison.Ordinal);
        Assert.Equal(2, await Platform.DecisionCountAsync(tenant.TenantId));
        Assert.Equal(0, await Platform.DecisionCountAsync(other.TenantId));
    }

    [Fact]
    public async Task Api3_a_webhook_body_cannot_choose_its_id_secret_tenant_or_state()
    {
        var tenant = await Platform.CreateTenantAsync();
        var other = await Platform.CreateTenantAsync();
        using var admin = Platform.Client(tenant.Admin);
        const string chosenSecret = "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

        using var created = await admin.PostAsJsonAsync("/v1/webhooks", new
        {
            url = "http://127.0.0.1:9/forged",
            events = new[] { "decision.made.v1" },
            id = ChosenId,
            secret = chosenSecret,
            tenantId = other.TenantId,
            createdAt = "2000-01-01T00:00:00Z",
            disabledAt = "2000-01-02T00:00:00Z",
            disabledReason = "forged",
        });
        var body = await created.JsonAsync();
        using var read = await admin.GetAsync($"/v1/webhooks/{body.GetProperty("id").GetGuid()}");
        using var byChosenId = await admin.GetAsync($"/v1/webhooks/{ChosenId}");
        var otherList = await Platform.Client(other.Admin).GetStringAsync("/v1/webhooks");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotEqual(ChosenId, body.GetProperty("id").GetGuid());
        Assert.NotEqual(chosenSecret, body.GetProperty("secret").GetString());
        Assert.True(body.GetProperty("createdAt").GetDateTime() > DateTime.UtcNow.AddHours(-1));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await read.JsonAsync()).GetProperty("disabledAt").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, byChosenId.StatusCode);
        Assert.DoesNotContain("forged", otherList, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api3_a_key_body_cannot_choose_the_key_its_id_or_its_tenant()
    {
        var tenant = await Platform.CreateTenantAsync();
        var other = await Platform.CreateTenantAsync();
        using var admin = Platform.Client(tenant.Admin);
        var chosenKey = "dk_chosen-by-the-caller-" + Guid.NewGuid().ToString("N");

        using var created = await admin.PostAsJsonAsync("/v1/admin/keys", new { role = "analyst", apiKey = chosenKey, keyId = ChosenId, tenantId = other.TenantId, revokedAt = "2000-01-01T00:00:00Z" });
        var body = await created.JsonAsync();
        var issued = body.GetProperty("apiKey").GetString()!;
        using var asIssued = await Platform.Client(issued).GetAsync("/v1/decisions");
        var otherKeys = await Platform.Client(other.Admin).GetStringAsync("/v1/admin/keys");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotEqual(chosenKey, issued);
        Assert.NotEqual(ChosenId, body.GetProperty("keyId").GetGuid());
        Assert.Equal(HttpStatusCode.OK, asIssued.StatusCode);
        Assert.DoesNotContain(body.GetProperty("keyId").GetGuid().ToString(), otherKeys, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api3_a_backtest_body_with_a_server_owned_field_is_refused_and_nothing_is_queued()
    {
        var tenant = await Platform.CreateTenantAsync();
        using var analyst = Platform.Client(tenant.Analyst);
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Tenancy.AccessScene.BacktestBody))!.AsObject();
        body["status"] = "succeeded";
        body["result"] = new JsonObject { ["decisions"] = 1_000_000 };

        using var response = await analyst.PostAsJsonAsync("/v1/backtests", body);
        await using var connection = await Platform.DataSource.OpenConnectionAsync();
        var queued = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM backtests WHERE tenant_id = @TenantId", new { tenant.TenantId });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, queued);
    }
}
