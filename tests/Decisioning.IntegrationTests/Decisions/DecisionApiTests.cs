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
    public async Task An_offer_shows_exact_cents_and_its_final_instalment()
    {
        var tenant = await platform.CreateTenantAsync();
        var application = Applications.LowRisk();
        application["amount"] = 2345.67m;

        using var response = await platform.Client(tenant.Decider).PostDecisionAsync(application);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var offer = (await response.JsonAsync()).GetProperty("offer");
        var money = new[] { "monthlyPayment", "finalPayment", "totalRepayable" }.Select(name => offer.GetProperty(name)).ToArray();
        Assert.All(money, value => Assert.Matches(@"^\d+(\.\d{1,2})?$", value.GetRawText()));
        var (monthly, final, total) = (money[0].GetDecimal(), money[1].GetDecimal(), money[2].GetDecimal());
        // Twelve months: eleven level instalments and the final one repay the loan (no fee configured) to the cent.
        Assert.Equal(total, monthly * 11 + final);
        Assert.InRange(final, monthly - 0.12m, monthly + 0.12m);
        Assert.True(total > 2345.67m);
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

    [Theory]
    [InlineData("/v1/decisions", "get", "items", "nextCursor")]
    [InlineData("/v1/decisions/stats", "get", "groupBy", "groups")]
    [InlineData("/v1/decisions/{decisionId}", "get", "decisionId", "offer")]
    [InlineData("/v1/decisions", "post", "decisionId", "offer")]
    [InlineData("/v1/decisions", "post", "decisionId", "offer", "201")]
    public async Task OpenApi_document_shows_what_reads_and_replays_return(string path, string method, string member, string otherMember, string status = "200")
    {
        using var response = await platform.Client(null).GetAsync("/openapi/v1.json");
        var document = await response.JsonAsync();

        var schema = Resolve(document, document.GetProperty("paths").GetProperty(path).GetProperty(method)
            .GetProperty("responses").GetProperty(status).GetProperty("content").GetProperty("application/json").GetProperty("schema"));

        var properties = schema.GetProperty("properties");
        Assert.True(properties.TryGetProperty(member, out _), $"{path}: {schema}");
        Assert.True(properties.TryGetProperty(otherMember, out _), $"{path}: {schema}");
    }

    [Fact]
    public async Task OpenApi_document_shows_an_offers_money_with_its_final_instalment()
    {
        using var response = await platform.Client(null).GetAsync("/openapi/v1.json");
        var document = await response.JsonAsync();

        var offer = Resolve(document, document.GetProperty("components").GetProperty("schemas").GetProperty("OfferDocument"));

        var properties = offer.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Superset(new HashSet<string>(["annualRatePct", "aprPct", "monthlyPayment", "finalPayment", "totalRepayable", "pricingVersion"]), properties.ToHashSet());
        Assert.Equal("text/csv", Assert.Single(document.GetProperty("paths").GetProperty("/v1/decisions/export").GetProperty("get")
            .GetProperty("responses").GetProperty("200").GetProperty("content").EnumerateObject()).Name);
    }

    // Follows "$ref": "#/components/schemas/X" (also inside anyOf/oneOf) to the schema it names.
    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            return Resolve(document, document.GetProperty("components").GetProperty("schemas").GetProperty(name));
        }

        foreach (var alternatives in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema.TryGetProperty(alternatives, out var options))
            {
                return Resolve(document, options.EnumerateArray().First(o => o.TryGetProperty("$ref", out _) || o.TryGetProperty("properties", out _)));
            }
        }

        return schema;
    }
}
