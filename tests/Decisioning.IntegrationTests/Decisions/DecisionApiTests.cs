using System.Net;
using System.Text.Json;
using Dapper;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Decisions;

public class DecisionApiTests(Platform platform) : IClassFixture<Platform>
{
    [Fact]
    public async Task Low_risk_application_is_approved_priced_persisted_and_readable()
    {
        var tenant = await platform.CreateTenantAsync();
        using var client = platform.Client(tenant.Decider);

        using var response = await client.PostDecisionAsync(Applications.LowRisk("LA-000123"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var decision = await response.JsonAsync();
        Assert.Equal("approve", decision.GetProperty("outcome").GetString());
        Assert.Equal("LA-000123", decision.GetProperty("applicationId").GetString());
        var score = decision.GetProperty("score");
        Assert.InRange(score.GetProperty("pd").GetDouble(), 0, 1.0 / 6);
        Assert.Equal("german-scorecard-1", score.GetProperty("modelVersion").GetString());
        var offer = decision.GetProperty("offer");
        Assert.True(offer.GetProperty("aprPct").GetDouble() >= offer.GetProperty("annualRatePct").GetDouble());
        Assert.True(offer.GetProperty("monthlyPayment").GetDouble() * 12 > 2000);
        Assert.Equal("policy-1", decision.GetProperty("policyVersion").GetString());

        var id = decision.GetProperty("decisionId").GetGuid();
        Assert.Equal(7, id.Version);
        Assert.Equal($"/v1/decisions/{id}", response.Headers.Location?.ToString());
        var traceId = decision.GetProperty("traceId").GetString();
        Assert.Matches("^[0-9a-f]{32}$", traceId);

        using var read = await platform.Client(tenant.Analyst).GetAsync($"/v1/decisions/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(JsonSerializer.Serialize(decision), JsonSerializer.Serialize(await read.JsonAsync()));

        await using var connection = await platform.DataSource.OpenConnectionAsync();
        var stored = await connection.QuerySingleAsync<(string TraceId, string Outcome, long Events)>(
            """
            SELECT d.trace_id, d.outcome, (SELECT count(*) FROM outbox o WHERE o.aggregate_id = d.decision_id)
            FROM decisions d WHERE d.tenant_id = @TenantId AND d.decision_id = @Id
            """,
            new { tenant.TenantId, Id = id });
        Assert.Equal((traceId!, "approve", 1L), stored);
    }

    [Fact]
    public async Task High_risk_application_is_declined_with_reasons_and_no_offer()
    {
        var tenant = await platform.CreateTenantAsync();

        using var response = await platform.Client(tenant.Decider).PostDecisionAsync(Applications.HighRisk());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var decision = await response.JsonAsync();
        Assert.Equal("decline", decision.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, decision.GetProperty("offer").ValueKind);
        var reasons = decision.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        Assert.Equal("POLICY_PD_ABOVE_DECLINE_CUTOFF", reasons[0]);
        Assert.True(reasons.Count > 1, "a decline carries the model's adverse factors too");
    }

    [Fact]
    public async Task Medium_risk_application_is_referred_to_an_underwriter()
    {
        var tenant = await platform.CreateTenantAsync();

        using var response = await platform.Client(tenant.Decider).PostDecisionAsync(Applications.MediumRisk());

        var decision = await response.JsonAsync();
        Assert.Equal("refer", decision.GetProperty("outcome").GetString());
        Assert.Equal("POLICY_PD_REVIEW_BAND", decision.GetProperty("reasons")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Same_key_and_body_replays_the_stored_decision()
    {
        var tenant = await platform.CreateTenantAsync();
        using var client = platform.Client(tenant.Decider);
        var body = Applications.LowRisk();

        using var first = await client.PostDecisionAsync(body, "key-1");
        using var second = await client.PostDecisionAsync(body, "key-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(JsonSerializer.Serialize(await first.JsonAsync()), JsonSerializer.Serialize(await second.JsonAsync()));
        Assert.Equal(1, await platform.DecisionCountAsync(tenant.TenantId));
    }

    [Fact]
    public async Task Same_key_with_a_different_body_is_a_conflict()
    {
        var tenant = await platform.CreateTenantAsync();
        using var client = platform.Client(tenant.Decider);
        using var first = await client.PostDecisionAsync(Applications.LowRisk(), "key-2");

        using var second = await client.PostDecisionAsync(Applications.HighRisk(), "key-2");

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await platform.DecisionCountAsync(tenant.TenantId));
    }

    [Fact]
    public async Task Keys_are_scoped_to_the_tenant()
    {
        var a = await platform.CreateTenantAsync();
        var b = await platform.CreateTenantAsync();
        var body = Applications.LowRisk();

        using var first = await platform.Client(a.Decider).PostDecisionAsync(body, "shared-key");
        using var second = await platform.Client(b.Decider).PostDecisionAsync(body, "shared-key");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
    }

    [Fact]
    public async Task Concurrent_duplicates_produce_exactly_one_decision()
    {
        var tenant = await platform.CreateTenantAsync();
        using var client = platform.Client(tenant.Decider);
        var body = Applications.MediumRisk();

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.PostDecisionAsync(body, "dup-key")));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(15, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.JsonAsync()).GetProperty("decisionId").GetGuid()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await platform.DecisionCountAsync(tenant.TenantId));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Missing_or_unknown_keys_are_401_and_wrong_roles_403()
    {
        var tenant = await platform.CreateTenantAsync();

        using var anonymous = await platform.Client(null).PostDecisionAsync(Applications.LowRisk());
        using var unknown = await platform.Client("not-a-key").PostDecisionAsync(Applications.LowRisk());
        using var analystPost = await platform.Client(tenant.Analyst).PostDecisionAsync(Applications.LowRisk());
        using var reviewerPost = await platform.Client(tenant.Reviewer).PostDecisionAsync(Applications.LowRisk());
        using var reviewerGet = await platform.Client(tenant.Reviewer).GetAsync($"/v1/decisions/{Guid.CreateVersion7()}");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, analystPost.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reviewerPost.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reviewerGet.StatusCode);
        Assert.Equal(0, await platform.DecisionCountAsync(tenant.TenantId));
    }

    [Fact]
    public async Task Another_tenants_decision_is_not_found()
    {
        var owner = await platform.CreateTenantAsync();
        var other = await platform.CreateTenantAsync();
        using var created = await platform.Client(owner.Decider).PostDecisionAsync(Applications.LowRisk());
        var id = (await created.JsonAsync()).GetProperty("decisionId").GetGuid();

        using var response = await platform.Client(other.Analyst).GetAsync($"/v1/decisions/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Health_reports_the_database_and_both_model_services()
    {
        using var health = await platform.Client(null).GetAsync("/health");
        using var alive = await platform.Client(null).GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        var report = await health.JsonAsync();
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        foreach (var check in new[] { "database", "credit-scoring", "pricing" })
        {
            Assert.Equal("Healthy", report.GetProperty("checks").GetProperty(check).GetString());
        }
    }

    [Fact]
    public async Task OpenApi_document_describes_the_decision_endpoints()
    {
        using var response = await platform.Client(null).GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await response.JsonAsync()).GetProperty("paths");
        Assert.True(paths.TryGetProperty("/v1/decisions", out _));
        Assert.True(paths.TryGetProperty("/v1/decisions/{decisionId}", out _));
    }
}
