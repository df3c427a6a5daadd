using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Outcomes;

public class OutcomeApiTests(Platform platform) : IClassFixture<Platform>
{
    [Fact]
    public async Task Outcomes_are_recorded_once_reported_per_row_and_updated_when_they_change()
    {
        var tenant = await platform.CreateTenantAsync();
        var stranger = await platform.CreateTenantAsync();
        using var decider = platform.Client(tenant.Decider);
        var approved = (await decider.DecideAsync(Applications.LowRisk())).GetProperty("decisionId").GetGuid();
        await decider.DecideAsync(Applications.LowRisk("LA-RETRIED"));
        var latest = (await decider.DecideAsync(Applications.MediumRisk("LA-RETRIED"))).GetProperty("decisionId").GetGuid();
        var strangers = (await platform.Client(stranger.Decider).DecideAsync(Applications.LowRisk())).GetProperty("decisionId").GetGuid();
        using var admin = platform.Client(tenant.Admin);
        JsonNode?[] batch =
        [
            OutcomeCalls.ForDecision(approved, "repaid"),
            OutcomeCalls.ForApplication("LA-RETRIED", "defaulted"),
            OutcomeCalls.ForDecision(Guid.CreateVersion7(), "repaid"),
            OutcomeCalls.ForDecision(strangers, "charged_off"),
            OutcomeCalls.ForApplication("LA-NEVER-SEEN", "repaid"),
        ];

        using var first = await admin.PostOutcomesAsync(batch);
        using var repeat = await admin.PostOutcomesAsync(batch);
        using var change = await admin.PostOutcomesAsync(OutcomeCalls.ForDecision(approved, "defaulted"), OutcomeCalls.ForApplication("LA-RETRIED", "defaulted"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(
            [("recorded", approved), ("recorded", latest), ("not_found", null), ("not_found", null), ("not_found", null)],
            await first.RowsAsync());
        Assert.Equal(
            [("unchanged", approved), ("unchanged", latest), ("not_found", null), ("not_found", null), ("not_found", null)],
            await repeat.RowsAsync());
        Assert.Equal([("updated", approved), ("unchanged", latest)], await change.RowsAsync());
        var notFound = (await first.JsonAsync()).GetProperty("results")[3];
        Assert.Equal(3, notFound.GetProperty("index").GetInt32());
        Assert.False(string.IsNullOrEmpty(notFound.GetProperty("error").GetString()));

        Assert.Equal(
            [(approved, "defaulted"), (latest, "defaulted")],
            await StoredOutcomesAsync(tenant.TenantId));
        Assert.Empty(await StoredOutcomesAsync(stranger.TenantId));
    }

    [Fact]
    public async Task Within_a_batch_the_last_row_for_a_decision_wins()
    {
        var tenant = await platform.CreateTenantAsync();
        var id = (await platform.Client(tenant.Decider).DecideAsync(Applications.LowRisk())).GetProperty("decisionId").GetGuid();

        using var response = await platform.Client(tenant.Admin).PostOutcomesAsync(
            OutcomeCalls.ForDecision(id, "repaid"), OutcomeCalls.ForDecision(id, "repaid"), OutcomeCalls.ForDecision(id, "charged_off"));

        Assert.Equal([("recorded", id), ("unchanged", id), ("updated", id)], await response.RowsAsync());
        Assert.Equal([(id, "charged_off")], await StoredOutcomesAsync(tenant.TenantId));
    }

    [Fact]
    public async Task Invalid_rows_are_reported_without_rejecting_the_batch()
    {
        var tenant = await platform.CreateTenantAsync();
        var id = (await platform.Client(tenant.Decider).DecideAsync(Applications.LowRisk())).GetProperty("decisionId").GetGuid();
        JsonNode?[] rows =
        [
            OutcomeCalls.ForDecision(id, "lost"),
            new JsonObject { ["decisionId"] = id.ToString(), ["applicationId"] = "LA-1", ["status"] = "repaid", ["observedAt"] = "2027-01-31" },
            new JsonObject { ["status"] = "repaid", ["observedAt"] = "2027-01-31" },
            OutcomeCalls.ForDecision(id, "repaid", "2027-02-30"),
            new JsonObject { ["decisionId"] = "not-a-uuid", ["status"] = "repaid", ["observedAt"] = "2027-01-31" },
            null,
        ];

        using var response = await platform.Client(tenant.Admin).PostOutcomesAsync(rows);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.JsonAsync()).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(rows.Length, results.Count);
        Assert.All(results, r => Assert.Equal("invalid", r.GetProperty("status").GetString()));
        Assert.Contains("status", results[0].GetProperty("error").GetString());
        Assert.Contains("exactly one", results[1].GetProperty("error").GetString());
        Assert.Contains("observedAt", results[3].GetProperty("error").GetString());
        Assert.Empty(await StoredOutcomesAsync(tenant.TenantId));
    }

    public static TheoryData<string, string> MalformedBatches => new()
    {
        { "not JSON", """{"outcomes": [""" },
        { "outcomes missing", """{}""" },
        { "outcomes not an array", """{"outcomes": 5}""" },
        { "no rows", """{"outcomes": []}""" },
        { "too many rows", JsonSerializer.Serialize(new { outcomes = Enumerable.Range(0, 1001).Select(i => new { applicationId = $"LA-{i}", status = "repaid", observedAt = "2027-01-31" }) }) },
    };

    [Theory]
    [MemberData(nameof(MalformedBatches))]
    public async Task A_malformed_batch_is_a_400_problem(string because, string body)
    {
        var tenant = await platform.CreateTenantAsync();

        using var response = await platform.Client(tenant.Admin).PostOutcomesRawAsync(body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because}: {response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_full_batch_of_1000_rows_is_accepted()
    {
        var tenant = await platform.CreateTenantAsync();
        var rows = Enumerable.Range(0, 1000).Select(i => (JsonNode?)OutcomeCalls.ForApplication($"LA-UNKNOWN-{i:D6}", "repaid")).ToArray();

        using var response = await platform.Client(tenant.Admin).PostOutcomesAsync(rows);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = await response.RowsAsync();
        Assert.Equal(1000, results.Count);
        Assert.All(results, r => Assert.Equal("not_found", r.Status));
    }

    [Fact]
    public async Task Only_admins_record_outcomes()
    {
        var tenant = await platform.CreateTenantAsync();
        var row = OutcomeCalls.ForApplication("LA-1", "repaid");

        foreach (var key in new[] { tenant.Decider, tenant.Analyst, tenant.Reviewer })
        {
            using var response = await platform.Client(key).PostOutcomesAsync(row);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    private async Task<List<(Guid, string)>> StoredOutcomesAsync(string tenantId)
    {
        await using var connection = await platform.DataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(Guid, string)>(
            "SELECT decision_id, status FROM loan_outcomes WHERE tenant_id = @tenantId ORDER BY decision_id", new { tenantId });
        return rows.ToList();
    }
}
