using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Decisioning.IntegrationTests.Decisions;

namespace Decisioning.IntegrationTests.Replay;

public class ReplayTests(GermanDecisions german) : IClassFixture<GermanDecisions>
{
    [Fact]
    public async Task Every_German_decision_replays_to_exactly_the_stored_document_with_its_stored_versions()
    {
        using var analyst = german.Platform.Client(german.Tenant.Analyst);
        var replays = await ReplayAllAsync(analyst, body: null);

        for (var i = 0; i < replays.Length; i++)
        {
            var replay = replays[i];
            Assert.Empty(replay.GetProperty("changes").EnumerateArray());
            // Byte for byte: every field of the replayed document as the decision path first returned it.
            Assert.Equal(german.Decisions[i].GetRawText(), replay.GetProperty("original").GetRawText());
            Assert.Equal(german.Decisions[i].GetRawText(), replay.GetProperty("replayed").GetRawText());
        }

        // All three outcomes occur, so the reproduction covers approvals with offers, referrals and declines.
        var outcomes = german.Decisions.Select(d => d.GetProperty("outcome").GetString()).Distinct().Order().ToList();
        Assert.Equal(["approve", "decline", "refer"], outcomes);
    }

    [Fact]
    public async Task Replaying_with_the_challenger_gives_its_stored_challenger_scores_and_moves_outcomes_where_its_pd_crosses_a_cut_off()
    {
        var platform = german.Platform;
        await using var connection = await platform.DataSource.OpenConnectionAsync();
        // The Gateway scores every decision with the challenger after answering: wait for all 1,000.
        Dictionary<Guid, double> challenger = [];
        for (var waited = 0; waited < 120 && challenger.Count < 1000; waited++)
        {
            challenger = (await connection.QueryAsync<(Guid DecisionId, double Pd)>(
                "SELECT decision_id, pd FROM challenger_scores WHERE tenant_id = @TenantId AND model_name = 'german-gbm'", new { german.Tenant.TenantId }))
                .ToDictionary(r => r.DecisionId, r => r.Pd);
            await Task.Delay(challenger.Count < 1000 ? 500 : 0);
        }

        using var analyst = platform.Client(german.Tenant.Analyst);
        var replays = await ReplayAllAsync(analyst, new { model = "german-gbm/1" });

        var moved = 0;
        for (var i = 0; i < replays.Length; i++)
        {
            var original = german.Decisions[i];
            var replayed = replays[i].GetProperty("replayed");
            var changed = replays[i].GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString()).ToHashSet();
            Assert.Equal("german-gbm-1", replayed.GetProperty("score").GetProperty("modelVersion").GetString());
            Assert.Contains("score.modelVersion", changed);
            Assert.Equal(challenger[original.GetProperty("decisionId").GetGuid()], replayed.GetProperty("score").GetProperty("pd").GetDouble());
            Assert.Equal(original.GetProperty("decisionId").GetGuid(), replayed.GetProperty("decisionId").GetGuid());
            Assert.Equal(original.GetProperty("decidedAt").GetString(), replayed.GetProperty("decidedAt").GetString());

            var before = original.GetProperty("outcome").GetString();
            var after = replayed.GetProperty("outcome").GetString();
            Assert.Equal(before != after, changed.Contains("outcome"));
            if (before != after)
            {
                moved++;
                var change = replays[i].GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "outcome");
                Assert.Equal(before, change.GetProperty("from").GetString());
                Assert.Equal(after, change.GetProperty("to").GetString());
                // Only the model changed, so an outcome moves only where one of the two PDs is on the other side of a cut-off.
                var pds = new[] { original.GetProperty("score").GetProperty("pd").GetDouble(), replayed.GetProperty("score").GetProperty("pd").GetDouble() };
                Assert.True(Band(pds[0]) != Band(pds[1]) || before == "refer" || after == "refer", $"row {i + 1}: {before} → {after} with PDs {pds[0]} and {pds[1]}");
            }
        }

        Assert.InRange(moved, 1, 999);
    }

    [Fact]
    public async Task A_replay_writes_nothing_but_its_audit_row()
    {
        var platform = german.Platform;
        await using var connection = await platform.DataSource.OpenConnectionAsync();
        const string Counts = """
            SELECT (SELECT count(*) FROM decisions) + (SELECT count(*) FROM outbox) + (SELECT count(*) FROM review_cases)
                 + (SELECT count(*) FROM challenger_scores)
            """;
        var decision = german.Decisions[0].GetProperty("decisionId").GetGuid();
        var auditBefore = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'decision.replay'");
        await WaitForChallengersAsync(connection);
        var before = await connection.ExecuteScalarAsync<long>(Counts);

        using var analyst = platform.Client(german.Tenant.Analyst);
        using var response = await analyst.PostAsJsonAsync($"/v1/decisions/{decision}/replay", new { model = "german-gbm/1", policyVersion = "policy-1" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Equal(before, await connection.ExecuteScalarAsync<long>(Counts));
        var audited = await connection.QuerySingleAsync<(string Target, string Role)>(
            "SELECT target, actor_role FROM audit_log WHERE tenant_id = @TenantId AND action = 'decision.replay' ORDER BY seq DESC LIMIT 1", new { german.Tenant.TenantId });
        Assert.Equal(($"decision:{decision}", "analyst"), audited);
        Assert.Equal(auditBefore + 1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'decision.replay'"));
    }

    [Theory]
    [InlineData("""{"policyVersion": "policy-9"}""", 422, "policyVersion")]
    [InlineData("""{"model": "german-gbm/9"}""", 422, "model")]
    [InlineData("""{"model": "no-such-model/1"}""", 422, "model")]
    [InlineData("""{"pricingVersion": "pricing-0"}""", 422, "pricingVersion")]
    [InlineData("""{"model": "german-gbm"}""", 400, "model")]
    [InlineData("""{"model": "../../etc/1"}""", 400, "model")]
    [InlineData("""{"policyVersion": ""}""", 400, "policyVersion")]
    [InlineData("""{"pricingVersion": "pricing 2; drop"}""", 400, "pricingVersion")]
    [InlineData("""{"modle": "german-gbm/1"}""", 400, "modle")]
    [InlineData("""{"model": 1}""", 400, "model")]
    [InlineData("""[1, 2]""", 400, null)]
    [InlineData("""{"model": """, 400, null)]
    public async Task A_bad_replay_request_gets_a_clear_problem(string body, int status, string? field)
    {
        using var analyst = german.Platform.Client(german.Tenant.Analyst);
        var decision = german.Decisions[1].GetProperty("decisionId").GetGuid();
        using var response = await analyst.PostAsync($"/v1/decisions/{decision}/replay", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadAsStringAsync();
        if (field is not null)
        {
            Assert.Contains(field, problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Only_analysts_and_admins_replay_and_only_their_own_tenants_decisions()
    {
        var platform = german.Platform;
        var decision = german.Decisions[2].GetProperty("decisionId").GetGuid();
        using var decider = platform.Client(german.Tenant.Decider);
        using var forbidden = await decider.PostAsync($"/v1/decisions/{decision}/replay", null);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        using var admin = platform.Client(german.Tenant.Admin);
        using var allowed = await admin.PostAsync($"/v1/decisions/{decision}/replay", null);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

        var other = await platform.CreateTenantAsync();
        using var otherAnalyst = platform.Client(other.Analyst);
        using var notFound = await otherAnalyst.PostAsync($"/v1/decisions/{decision}/replay", null);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        using var unknown = await otherAnalyst.PostAsync($"/v1/decisions/{Guid.CreateVersion7()}/replay", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    // 0: approvable, 1: review, 2: decline (policy-1's PD cut-offs).
    private static int Band(double pd) => pd < 1.0 / 6 ? 0 : pd < 0.45 ? 1 : 2;

    private async Task WaitForChallengersAsync(Npgsql.NpgsqlConnection connection)
    {
        for (var waited = 0; waited < 120; waited++)
        {
            if (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM challenger_scores WHERE tenant_id = @TenantId", new { german.Tenant.TenantId }) >= 1000)
            {
                return;
            }

            await Task.Delay(500);
        }
    }

    private async Task<JsonElement[]> ReplayAllAsync(HttpClient analyst, object? body)
    {
        var replays = new JsonElement[german.Decisions.Count];
        await Parallel.ForAsync(0, replays.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var decision = german.Decisions[i].GetProperty("decisionId").GetGuid();
            using var response = body is null
                ? await analyst.PostAsync($"/v1/decisions/{decision}/replay", null)
                : await analyst.PostAsJsonAsync($"/v1/decisions/{decision}/replay", body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"row {i + 1}: {(int)response.StatusCode} {text}");
            replays[i] = JsonDocument.Parse(text).RootElement.Clone();
        });
        return replays;
    }
}
