using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Outcomes;

public class ModelPerformanceApiTests(Platform platform) : IClassFixture<Platform>
{
    [Fact]
    public async Task Outcomes_that_the_model_ranked_perfectly_give_auc_1_with_rates_by_grade_and_decile()
    {
        var tenant = await platform.CreateTenantAsync();
        using var decider = platform.Client(tenant.Decider);
        var low = await DecideManyAsync(decider, Applications.LowRisk, 3);
        var medium = await DecideManyAsync(decider, Applications.MediumRisk, 2);
        var high = await DecideManyAsync(decider, Applications.HighRisk, 2);
        await DecideManyAsync(decider, Applications.LowRisk, 1);
        var rows = low.Concat(medium).Select(d => OutcomeCalls.ForDecision(Id(d), "repaid"))
            .Append(OutcomeCalls.ForDecision(Id(high[0]), "defaulted"))
            .Append(OutcomeCalls.ForDecision(Id(high[1]), "charged_off"));
        using var posted = await platform.Client(tenant.Admin).PostOutcomesAsync([.. rows]);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        using var response = await platform.Client(tenant.Analyst).GetAsync($"/v1/models/german-scorecard/performance?from={today}&to={today}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.JsonAsync();
        var version = Assert.Single(report.GetProperty("versions").EnumerateArray());
        Assert.Equal("german-scorecard-1", version.GetProperty("modelVersion").GetString());
        Assert.Equal(7, version.GetProperty("count").GetInt32());
        Assert.Equal(2, version.GetProperty("badCount").GetInt32());
        Assert.Equal(1.0, version.GetProperty("auc").GetDouble());
        Assert.Equal(1.0, version.GetProperty("ks").GetDouble());

        var byGrade = version.GetProperty("defaultRateByGrade").EnumerateArray().ToDictionary(g => g.GetProperty("grade").GetString()!);
        Assert.Equal(1.0, byGrade[Grade(high[0])].GetProperty("defaultRate").GetDouble());
        Assert.Equal(0.0, byGrade[Grade(low[0])].GetProperty("defaultRate").GetDouble());
        Assert.Equal(7, byGrade.Values.Sum(g => g.GetProperty("count").GetInt32()));

        // Seven loans, three distinct PDs: ranks 0, 3 and 5 start the tie groups → deciles 1, 5 and 8.
        var calibration = version.GetProperty("calibration").EnumerateArray().ToList();
        Assert.Equal([1, 5, 8], calibration.Select(b => b.GetProperty("decile").GetInt32()));
        Assert.Equal([3, 2, 2], calibration.Select(b => b.GetProperty("count").GetInt32()));
        Assert.Equal([0.0, 0.0, 1.0], calibration.Select(b => b.GetProperty("observedBadRate").GetDouble()));
        Assert.Equal(Pd(high[0]), calibration[2].GetProperty("meanPd").GetDouble(), 1e-12);
    }

    [Fact]
    public async Task A_range_without_decisions_has_no_versions_and_a_reversed_range_is_a_400()
    {
        var tenant = await platform.CreateTenantAsync();
        await platform.Client(tenant.Decider).DecideAsync(Applications.LowRisk());
        using var analyst = platform.Client(tenant.Analyst);

        using var past = await analyst.GetAsync("/v1/models/german-scorecard/performance?from=2020-01-01&to=2020-12-31");
        using var reversed = await analyst.GetAsync("/v1/models/german-scorecard/performance?from=2027-02-01&to=2027-01-01");
        using var garbled = await analyst.GetAsync("/v1/models/german-scorecard/performance?from=yesterday");

        Assert.Equal(HttpStatusCode.OK, past.StatusCode);
        Assert.Empty((await past.JsonAsync()).GetProperty("versions").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.True((await reversed.JsonAsync()).GetProperty("errors").TryGetProperty("from", out _));
        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);
    }

    [Fact]
    public async Task An_unknown_model_is_not_found_and_only_analysts_and_admins_may_ask()
    {
        var tenant = await platform.CreateTenantAsync();
        var other = await platform.CreateTenantAsync();
        await platform.Client(other.Decider).DecideAsync(Applications.LowRisk());

        using var unknown = await platform.Client(other.Analyst).GetAsync("/v1/models/no-such-model/performance");
        using var prefixOnly = await platform.Client(other.Analyst).GetAsync("/v1/models/german/performance");
        using var noDecisionsHere = await platform.Client(tenant.Admin).GetAsync("/v1/models/german-scorecard/performance");
        using var known = await platform.Client(other.Admin).GetAsync("/v1/models/german-scorecard/performance");
        using var decider = await platform.Client(other.Decider).GetAsync("/v1/models/german-scorecard/performance");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, prefixOnly.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noDecisionsHere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, decider.StatusCode);
    }

    private static async Task<List<JsonElement>> DecideManyAsync(HttpClient decider, Func<string?, JsonObject> application, int count)
    {
        var decisions = new List<JsonElement>();
        for (var i = 0; i < count; i++)
        {
            decisions.Add(await decider.DecideAsync(application(null)));
        }

        return decisions;
    }

    private static Guid Id(JsonElement decision) => decision.GetProperty("decisionId").GetGuid();

    private static string Grade(JsonElement decision) => decision.GetProperty("score").GetProperty("grade").GetString()!;

    private static double Pd(JsonElement decision) => decision.GetProperty("score").GetProperty("pd").GetDouble();
}
