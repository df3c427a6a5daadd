using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;
using Decisioning.IntegrationTests.Observability;
using Decisioning.IntegrationTests.Replay;
using Xunit.Abstractions;

namespace Decisioning.IntegrationTests.Monitoring;

// The Worker's scheduled monitoring on real decisions: 150 German applications as they are for one tenant, and the
// same applications from older applicants only (66 to 75) for another, an induced shift the drift job must see.
public sealed class MonitoringTests(MonitoringTests.Scene scene, ITestOutputHelper output) : IClassFixture<MonitoringTests.Scene>
{
    [Fact]
    public async Task Drift_against_the_training_data_shows_an_older_population_and_not_the_training_like_one()
    {
        var shifted = await TodayAsync(scene.Older);
        var usual = await TodayAsync(scene.Usual);
        output.WriteLine($"older: {shifted}\nusual: {usual}");

        Assert.Equal(Scene.Count, shifted.GetProperty("decisions").GetInt32());
        Assert.Equal("german-scorecard-1", shifted.GetProperty("modelVersion").GetString());
        Assert.True(shifted.GetProperty("features").GetProperty("age").GetDouble() > 1, "the age PSI of older applicants only");
        Assert.Equal(["age"], shifted.GetProperty("drifted").EnumerateArray().Select(f => f.GetString()));
        // The scorecard's PD moves little with age alone: its scores stay under the threshold (ModelInputDrift, not ModelDrift).
        Assert.True(shifted.GetProperty("score").GetDouble() < DriftThreshold);
        Assert.True(shifted.GetProperty("score").GetDouble() > usual.GetProperty("score").GetDouble());
        Assert.True(usual.GetProperty("features").GetProperty("age").GetDouble() < DriftThreshold);
        Assert.True(usual.GetProperty("score").GetDouble() < DriftThreshold);
        Assert.Empty(usual.GetProperty("drifted").EnumerateArray());

        // The alerts' gauge: per feature, the highest PSI among tenants with enough decisions (both have 150).
        var scrape = await Scrape.UntilAsync(scene.Platform.WorkerAdminAddress, s => s.Sum("decisioning_model_drift_psi", ("feature", "age")) > 1);
        Assert.Equal(shifted.GetProperty("features").GetProperty("age").GetDouble(), scrape.Sum("decisioning_model_drift_psi", ("model_version", "german-scorecard-1"), ("feature", "age")), 6);
        Assert.Equal(shifted.GetProperty("score").GetDouble(), scrape.Sum("decisioning_model_drift_psi", ("model_version", "german-scorecard-1"), ("feature", "score")), 6);
    }

    [Fact]
    public async Task The_fairness_report_counts_each_age_band_as_decided_and_compares_it_with_the_band_approved_most()
    {
        using var analyst = scene.Platform.Client(scene.Usual.Analyst);
        var report = await analyst.GetFromJsonAsync<JsonElement>("/v1/reports/fairness");
        output.WriteLine(report.ToString());

        var overall = report.GetProperty("overall").EnumerateArray().ToDictionary(b => b.GetProperty("band").GetString()!);
        var expected = scene.UsualDecisions.GroupBy(d => Band(d.Age)).ToDictionary(g => g.Key, g => (Decisions: g.Count(), Approved: g.Count(d => d.Outcome == "approve")));
        Assert.Equal(expected.Keys.Order(), overall.Keys.Order());
        var best = expected.Values.Max(c => (double)c.Approved / c.Decisions);
        foreach (var (band, counts) in expected)
        {
            Assert.Equal(counts.Decisions, overall[band].GetProperty("decisions").GetInt32());
            Assert.Equal(counts.Approved, overall[band].GetProperty("approved").GetInt32());
            var ratio = (double)counts.Approved / counts.Decisions / best;
            Assert.Equal(ratio, overall[band].GetProperty("adverseImpactRatio").GetDouble(), 5);
            Assert.Equal(ratio < 0.8, overall[band].GetProperty("belowFourFifths").GetBoolean());
        }

        Assert.Single(report.GetProperty("days").EnumerateArray());
    }

    [Theory]
    [InlineData("/v1/models/german-scorecard/drift?from=2026-12-01&to=2026-11-01", "from")]
    [InlineData("/v1/models/german-scorecard/drift?from=2024-01-01&to=2026-11-01", "to")]
    [InlineData("/v1/models/German_Scorecard/drift", "name")]
    [InlineData("/v1/reports/fairness?from=last-week", "from")]
    [InlineData("/v1/reports/fairness?to=2026-13-01", "to")]
    public async Task A_bad_report_query_gets_a_clear_problem(string path, string field)
    {
        using var analyst = scene.Platform.Client(scene.Usual.Analyst);
        using var response = await analyst.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_without_decisions_sees_no_other_tenants_figures()
    {
        var other = await scene.Platform.CreateTenantAsync();
        using var analyst = scene.Platform.Client(other.Analyst);

        var drift = await analyst.GetFromJsonAsync<JsonElement>("/v1/models/german-scorecard/drift");
        var fairness = await analyst.GetFromJsonAsync<JsonElement>("/v1/reports/fairness");

        Assert.Empty(drift.GetProperty("days").EnumerateArray());
        Assert.Empty(fairness.GetProperty("overall").EnumerateArray());
    }

    private const double DriftThreshold = 0.25;

    private static string Band(int age) => age switch
    {
        < 25 => "18-24",
        < 35 => "25-34",
        < 45 => "35-44",
        < 55 => "45-54",
        < 65 => "55-64",
        _ => "65+",
    };

    private async Task<JsonElement> TodayAsync(TestTenant tenant)
    {
        using var analyst = scene.Platform.Client(tenant.Analyst);
        var drift = await analyst.GetFromJsonAsync<JsonElement>("/v1/models/german-scorecard/drift");
        return Assert.Single(drift.GetProperty("days").EnumerateArray());
    }

    public sealed class Scene : IAsyncLifetime
    {
        public const int Count = 150;

        public Platform Platform { get; } = new();

        public TestTenant Usual { get; private set; } = null!;

        public TestTenant Older { get; private set; } = null!;

        public IReadOnlyList<(int Age, string Outcome)> UsualDecisions { get; private set; } = [];

        public async Task InitializeAsync()
        {
            await Platform.InitializeAsync();
            Usual = await Platform.CreateTenantAsync();
            Older = await Platform.CreateTenantAsync();
            var rows = GermanApplications.All().Take(Count).ToList();
            UsualDecisions = await DecideAsync(Usual, rows);
            await DecideAsync(Older, [.. rows.Select((row, i) =>
            {
                var older = (JsonObject)row.DeepClone();
                older["applicant"]!["age"] = 66 + (i % 10);
                return older;
            })]);

            // The monitoring jobs every 2 s, instead of hourly.
            await Platform.StartWorkerAsync(new Dictionary<string, string>
            {
                ["Scheduler:Jobs:model-drift:Cron"] = "*/2 * * * * ?",
                ["Scheduler:Jobs:fairness:Cron"] = "*/2 * * * * ?",
            });
            await using var connection = await Platform.DataSource.OpenConnectionAsync();
            for (var waited = 0; waited < 120; waited++)
            {
                var drift = await connection.ExecuteScalarAsync<long>("SELECT count(DISTINCT tenant_id) FROM model_drift WHERE decisions = @Count", new { Count });
                var fairness = await connection.ExecuteScalarAsync<long>("SELECT coalesce(sum(decisions), 0) FROM fairness_daily");
                if (drift == 2 && fairness == 2 * Count)
                {
                    return;
                }

                await Task.Delay(500);
            }

            throw new TimeoutException($"The monitoring jobs did not run:\n{Platform.Worker?.Output}");
        }

        public Task DisposeAsync() => Platform.DisposeAsync();

        private async Task<IReadOnlyList<(int Age, string Outcome)>> DecideAsync(TestTenant tenant, IReadOnlyList<JsonObject> applications)
        {
            using var decider = Platform.Client(tenant.Decider);
            var decided = new (int, string)[applications.Count];
            for (var i = 0; i < applications.Count; i++)
            {
                using var response = await decider.PostDecisionAsync(applications[i]);
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                decided[i] = ((int)applications[i]["applicant"]!["age"]!, (await response.JsonAsync()).GetProperty("outcome").GetString()!);
            }

            return decided;
        }
    }
}
