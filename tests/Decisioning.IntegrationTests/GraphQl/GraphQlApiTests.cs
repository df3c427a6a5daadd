using System.Net;
using System.Text.Json;
using Dapper;
using Decisioning.Benchmarks.History;
using Decisioning.Data;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;
using Decisioning.IntegrationTests.Outcomes;
using Decisioning.IntegrationTests.Reviews;
using Decisioning.IntegrationTests.Security;

namespace Decisioning.IntegrationTests.GraphQl;

// POST /graphql against REST on the same platform: the same decisions, pages, cursors, figures and models, the same
// roles and audit rows. It shares the Security collection's platform rather than starting one of its own.
[Collection(SecurityCollection.Name)]
public class GraphQlApiTests(SecurityPlatform security)
{
    private const string DecisionFields = """
        decisionId applicationId outcome policyVersion decidedAt traceId
        reasons { code description }
        score { pd score grade modelVersion }
        offer { annualRatePct aprPct monthlyPayment finalPayment totalRepayable pricingVersion }
        review { status finalOutcome reason note decidedBy decidedByRole resolvedAt leaseExpiresAt }
        """;

    private static readonly DateTime Now = DateTime.UtcNow;

    private Platform Platform => security.Platform;

    [Fact]
    public async Task Decisions_pages_are_the_REST_pages_with_the_same_cursors()
    {
        var tenant = await Platform.CreateTenantAsync();
        await HistorySeed.InsertAsync(Platform.DataSource, tenant.TenantId, 25, Now.AddDays(-20), Now.AddDays(-1));
        using var client = Platform.Client(tenant.Analyst);
        var from = Now.AddDays(-25).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var restPages = new List<(List<string> Ids, string? Next)>();
        string? cursor = null;
        do
        {
            using var response = await client.GetAsync($"/v1/decisions?limit=10&from={from}{(cursor is null ? "" : "&cursor=" + cursor)}");
            var page = await response.JsonAsync();
            cursor = page.GetProperty("nextCursor").GetString();
            restPages.Add((page.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("decisionId").GetString()!).ToList(), cursor));
        }
        while (cursor is not null);

        var graphQlPages = new List<(List<string> Ids, string? Next)>();
        string? after = null;
        bool more;
        do
        {
            var data = await client.DataAsync(
                "query ($after: String, $from: String) { decisions(first: 10, after: $after, filter: { from: $from }) { edges { cursor node { decisionId } } pageInfo { hasNextPage endCursor } } }",
                new { after, from });
            var connection = data.GetProperty("decisions");
            var edges = connection.GetProperty("edges").EnumerateArray().ToList();
            more = connection.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean();
            after = connection.GetProperty("pageInfo").GetProperty("endCursor").GetString();
            Assert.Equal(edges[^1].GetProperty("cursor").GetString(), after);
            graphQlPages.Add((edges.Select(e => e.GetProperty("node").GetProperty("decisionId").GetString()!).ToList(), more ? after : null));
        }
        while (more);

        Assert.Equal(3, restPages.Count);
        Assert.Equal(restPages.Select(p => p.Ids), graphQlPages.Select(p => p.Ids));
        Assert.Equal(restPages.Select(p => p.Next), graphQlPages.Select(p => p.Next));
        Assert.Equal(25, graphQlPages.SelectMany(p => p.Ids).Distinct().Count());
    }

    [Fact]
    public async Task A_decision_is_the_REST_document_with_its_review_and_another_tenants_is_null()
    {
        var tenant = await Platform.CreateTenantAsync();
        var other = await Platform.CreateTenantAsync();
        using var decider = Platform.Client(tenant.Decider);
        using var analyst = Platform.Client(tenant.Analyst);
        var approved = (await decider.DecideAsync(Applications.LowRisk())).GetProperty("decisionId").GetGuid();
        var referred = await decider.ReferAsync();

        foreach (var decisionId in new[] { approved, referred })
        {
            using var rest = await analyst.GetAsync($"/v1/decisions/{decisionId}");
            var graphQl = await analyst.DataAsync($"query ($id: ID!) {{ decision(id: $id) {{ {DecisionFields} }} }}", new { id = decisionId });

            GraphQlCalls.AssertSameJson(await rest.JsonAsync(), graphQl.GetProperty("decision"));
        }

        var referredReview = (await analyst.DataAsync($"{{ decision(id: \"{referred}\") {{ review {{ status }} }} }}")).GetProperty("decision").GetProperty("review");
        var theirs = await Platform.Client(other.Analyst).DataAsync($"{{ decision(id: \"{approved}\") {{ decisionId }} missing: decision(id: \"{Guid.CreateVersion7()}\") {{ decisionId }} notAnId: decision(id: \"x\") {{ decisionId }} decisions {{ nodes {{ decisionId }} }} }}");

        Assert.Equal("open", referredReview.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, theirs.GetProperty("decision").ValueKind);
        Assert.Equal(JsonValueKind.Null, theirs.GetProperty("missing").ValueKind);
        Assert.Equal(JsonValueKind.Null, theirs.GetProperty("notAnId").ValueKind);
        Assert.Equal(0, theirs.GetProperty("decisions").GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task Stats_and_models_are_the_REST_figures()
    {
        var tenant = await Platform.CreateTenantAsync();
        await HistorySeed.InsertAsync(Platform.DataSource, tenant.TenantId, 30, Now.AddDays(-5), Now.AddDays(-1));
        using var client = Platform.Client(tenant.Analyst);
        const string Groups = "groupBy groups { key count approvalRate meanPd scoreP10 scoreP50 scoreP90 }";

        var data = await client.DataAsync($$"""
            { byOutcome: stats(groupBy: OUTCOME) { {{Groups}} }
              byModel: stats(groupBy: MODEL_VERSION, filter: { minPd: 0.05 }) { {{Groups}} }
              models { name version modelVersion kind role metrics loadedAt filesSha256 } }
            """);
        using var byOutcome = await client.GetAsync("/v1/decisions/stats?groupBy=outcome");
        using var byModel = await client.GetAsync("/v1/decisions/stats?groupBy=modelVersion&minPd=0.05");
        using var models = await client.GetAsync("/v1/models");

        Assert.Equal("OUTCOME", data.GetProperty("byOutcome").GetProperty("groupBy").GetString());
        Assert.Equal(3, data.GetProperty("byOutcome").GetProperty("groups").GetArrayLength());
        GraphQlCalls.AssertSameJson((await byOutcome.JsonAsync()).GetProperty("groups"), data.GetProperty("byOutcome").GetProperty("groups"));
        GraphQlCalls.AssertSameJson((await byModel.JsonAsync()).GetProperty("groups"), data.GetProperty("byModel").GetProperty("groups"));
        Assert.NotEqual(0, data.GetProperty("models").GetArrayLength());
        GraphQlCalls.AssertSameJson((await models.JsonAsync()).GetProperty("models"), data.GetProperty("models"));
    }

    [Fact]
    public async Task Only_analysts_and_admins_may_query_and_without_a_key_it_is_401()
    {
        var tenant = await Platform.CreateTenantAsync();
        const string Query = "{ __schema { queryType { name } } }";

        using var anonymous = await Platform.Client(null).PostGraphQlAsync(Query);
        using var decider = await Platform.Client(tenant.Decider).PostGraphQlAsync(Query);
        using var reviewer = await Platform.Client(tenant.Reviewer).PostGraphQlAsync(Query);
        using var analyst = await Platform.Client(tenant.Analyst).PostGraphQlAsync(Query);
        using var admin = await Platform.Client(tenant.Admin).PostGraphQlAsync(Query);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, decider.StatusCode);
        Assert.Equal("application/problem+json", decider.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, reviewer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, analyst.StatusCode);
        Assert.Equal("application/graphql-response+json", analyst.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Query", (await analyst.JsonAsync()).GetProperty("data").GetProperty("__schema").GetProperty("queryType").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task Queries_over_the_depth_or_complexity_limit_are_400_with_the_reason_and_no_data()
    {
        var tenant = await Platform.CreateTenantAsync();
        using var client = Platform.Client(tenant.Analyst);
        var nested = string.Concat(Enumerable.Repeat("ofType { ", 16)) + "name" + new string('}', 16);
        var page = $"decisions(first: 500) {{ edges {{ cursor node {{ {DecisionFields} }} }} }}";

        using var deep = await client.PostGraphQlAsync($"{{ __type(name: \"Decision\") {{ {nested} }} }}");
        using var complex = await client.PostGraphQlAsync($"{{ a: {page} b: {page} }}");

        foreach (var (response, reason) in new[] { (deep, "nested"), (complex, "complex") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/graphql-response+json", response.Content.Headers.ContentType?.MediaType);
            var body = await response.JsonAsync();
            Assert.False(body.TryGetProperty("data", out _));
            Assert.Contains(reason, body.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, string, int> BadRequests => new()
    {
        { "application/json", "not json", 400 },
        { "application/json", "", 400 },
        { "application/json", "[]", 400 },
        { "application/json", "{}", 400 },
        { "application/json", """{"query":42}""", 400 },
        { "application/json", """{"query":"{ models { name } }","variables":"x"}""", 400 },
        { "application/json", """{"query":"{ decisions { nodes { decisionId } "}""", 400 },
        { "application/json", """{"query":"{ decisions { colour } }"}""", 400 },
        { "application/json", """{"query":"mutation { decisions { nodes { decisionId } } }"}""", 400 },
        { "application/json", """{"query":"query ($n: Int) { decisions(first: $n) { nodes { decisionId } } }","variables":{"n":"ten"}}""", 400 },
        { "application/json", """{"query":"{ stats(groupBy: COLOUR) { groupBy } }"}""", 400 },
        { "application/json", """{"query":"{ models { name } }","operationName":"Missing"}""", 400 },
        { "application/json", $$"""{"query":"{ models { name } }{{new string(' ', 9_000)}}"}""", 400 },
        { "application/json", "{\"query\":\"{ models { name } }\",\"variables\":{\"pad\":\"" + new string('x', 20_000) + "\"}}", 413 },
        { "text/plain", "{ models { name } }", 415 },
        { "application/x-www-form-urlencoded", "query=%7B%7D", 415 },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Malformed_requests_are_refused_with_an_errors_array_never_a_5xx(string contentType, string body, int status)
    {
        var tenant = await Platform.CreateTenantAsync();

        using var response = await Platform.Client(tenant.Analyst).PostGraphQlRawAsync(body, contentType);

        Assert.Equal(status, (int)response.StatusCode);
        var json = await response.JsonAsync();
        Assert.False(json.TryGetProperty("data", out _));
        Assert.False(string.IsNullOrEmpty(json.GetProperty("errors")[0].GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Wrong_arguments_are_field_errors_with_the_REST_messages_and_a_get_is_not_served()
    {
        var tenant = await Platform.CreateTenantAsync();
        using var client = Platform.Client(tenant.Analyst);

        using var response = await client.PostGraphQlAsync(
            """{ a: decisions(first: 501) { nodes { decisionId } } b: decisions(after: "AAAA") { nodes { decisionId } } c: stats(groupBy: DAY, filter: { from: "2026-11-10", to: "2026-11-01" }) { groupBy } models { name } }""");
        using var get = await client.GetAsync("/graphql?query=%7B%20models%20%7B%20name%20%7D%20%7D");
        var body = await response.JsonAsync();
        var errors = body.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("path")[0].GetString()!, e => e.GetProperty("message").GetString());
        var codes = body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("extensions").GetProperty("code").GetString()).Distinct();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("'first' must be a whole number from 1 to 500.", errors["a"]);
        Assert.StartsWith("'after' is not a cursor this query returned", errors["b"]);
        Assert.Equal("'from' must be before 'to'.", errors["c"]);
        Assert.Equal(["INVALID_ARGUMENT"], codes);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").GetProperty("a").ValueKind);
        Assert.NotEqual(0, body.GetProperty("data").GetProperty("models").GetArrayLength());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
    }

    [Fact]
    public async Task Each_root_field_read_writes_the_REST_audit_row_and_a_refused_one_writes_none()
    {
        var tenant = await Platform.CreateTenantAsync();
        using var decider = Platform.Client(tenant.Decider);
        using var analyst = Platform.Client(tenant.Analyst);
        var applicationId = "app-" + Guid.NewGuid().ToString("N");
        var decisionId = (await decider.DecideAsync(Applications.LowRisk(applicationId))).GetProperty("decisionId").GetGuid();

        await analyst.DataAsync(
            "query ($id: ID!, $app: String) { decision(id: $id) { decisionId } decisions(first: 5, filter: { applicationId: $app }) { nodes { decisionId } } stats(groupBy: OUTCOME) { groupBy } }",
            new { id = decisionId, app = applicationId });
        using var refused = await analyst.PostGraphQlAsync("{ decisions(first: 0) { nodes { decisionId } } missing: decision(id: \"" + Guid.CreateVersion7() + "\") { decisionId } }");

        var rows = await AuditRowsAsync(tenant.TenantId);
        var analystKey = await Platform.KeyIdAsync(tenant.Analyst);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(
            [("decision.read", analystKey, "analyst"), ("decisions.list", analystKey, "analyst"), ("decisions.stats", analystKey, "analyst")],
            rows.Select(r => (r.Action, r.ActorKeyId, r.ActorRole)));
        Assert.Equal($"decision:{decisionId}", rows[0].Target);
        Assert.Contains("applicationId=(given)", rows[1].Target);
        Assert.Contains("limit=5", rows[1].Target);
        Assert.Contains("groupBy=outcome", rows[2].Target);
        Assert.DoesNotContain(applicationId, string.Join(' ', rows.Select(r => r.Target)));
        Assert.True((await AuditVerifier.VerifyAsync(Platform.DataSource)).Intact);
    }

    private async Task<List<AuditEntry>> AuditRowsAsync(string tenantId)
    {
        await using var connection = await Platform.DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<AuditEntry>("""
            SELECT tenant_id AS TenantId, seq AS Seq, occurred_at AS OccurredAt, actor_key_id AS ActorKeyId, actor_role AS ActorRole,
                   action AS Action, target AS Target, remote_address AS RemoteAddress
            FROM audit_log WHERE tenant_id = @tenantId ORDER BY seq
            """, new { tenantId })).AsList();
    }
}
