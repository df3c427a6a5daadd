using System.Net;
using System.Text.Json;
using Dapper;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Models;

public class ModelsApiTests(Platform platform) : IClassFixture<Platform>
{
    [Fact]
    public async Task Lists_the_loaded_models_with_their_roles_and_cross_validated_metrics()
    {
        var tenant = await platform.CreateTenantAsync();

        using var response = await platform.Client(tenant.Analyst).GetAsync("/v1/models");
        using var forbidden = await platform.Client(tenant.Decider).GetAsync("/v1/models");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var models = (await response.JsonAsync()).GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        Assert.Equal("champion", models["german-scorecard"].GetProperty("role").GetString());
        Assert.Equal("challenger", models["german-gbm"].GetProperty("role").GetString());
        Assert.True(models["german-gbm"].GetProperty("metrics").GetProperty("selected").GetProperty("aucMean").GetDouble() >= 0.795);
        Assert.True(models["german-scorecard"].GetProperty("metrics").GetProperty("selectedC").GetProperty("aucMean").GetDouble() >= 0.785);
    }

    [Fact]
    public async Task Serves_a_model_versions_card_and_a_problem_for_an_unknown_or_malformed_one()
    {
        var tenant = await platform.CreateTenantAsync();
        using var analyst = platform.Client(tenant.Analyst);
        var committed = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "services", "CreditScoring", "models", "german-scorecard", "1", "card.json"));

        using var card = await analyst.GetAsync("/v1/models/german-scorecard/1/card");
        using var unknownVersion = await analyst.GetAsync("/v1/models/german-scorecard/999/card");
        using var unknownModel = await analyst.GetAsync("/v1/models/no-such-model/1/card");
        using var forbidden = await platform.Client(tenant.Decider).GetAsync("/v1/models/german-scorecard/1/card");

        Assert.Equal(HttpStatusCode.OK, card.StatusCode);
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(committed).RootElement, await card.JsonAsync()), "the card served is not the committed card.json");
        foreach (var unknown in new[] { unknownVersion, unknownModel })
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Theory]
    [InlineData("/v1/models/bad%20name/1/card", "name")]
    [InlineData("/v1/models/.hidden/1/card", "name")]
    [InlineData("/v1/models/..%5C..%5Cetc/1/card", "name")]
    [InlineData("/v1/models/german-scorecard/1%0A/card", "version")]
    [InlineData("/v1/models/german-scorecard/..%5Cgerman-gbm%5C1/card", "version")]
    public async Task A_name_or_version_that_is_no_plain_folder_name_is_a_400_problem(string path, string field)
    {
        var tenant = await platform.CreateTenantAsync();

        using var response = await platform.Client(tenant.Analyst).GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}'");
    }

    [Fact]
    public async Task Challengers_are_scored_beside_every_decision_and_compared_with_the_champion()
    {
        var tenant = await platform.CreateTenantAsync();
        using var decider = platform.Client(tenant.Decider);
        var bodies = new[] { Applications.LowRisk(), Applications.MediumRisk(), Applications.HighRisk(), Applications.LowRisk(), Applications.HighRisk() };
        foreach (var body in bodies)
        {
            using var made = await decider.PostDecisionAsync(body);
            Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        }

        long stored = 0;
        await using var connection = await platform.DataSource.OpenConnectionAsync();
        for (var attempt = 0; attempt < 100 && stored < bodies.Length; attempt++)
        {
            await Task.Delay(100);
            stored = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM challenger_scores WHERE tenant_id = @TenantId AND model_name = 'german-gbm'", new { tenant.TenantId });
        }

        using var response = await platform.Client(tenant.Analyst).GetAsync("/v1/models/german-scorecard/comparison/german-gbm");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync() + platform.Gateway.Output);
        var comparison = (await response.JsonAsync()).GetProperty("comparison");

        Assert.Equal(bodies.Length, stored);
        Assert.Equal(bodies.Length, comparison.GetProperty("count").GetInt64());
        Assert.InRange(comparison.GetProperty("bandAgreementRate").GetDouble(), 0, 1);
        Assert.True(comparison.GetProperty("pdCorrelation").GetDouble() > 0.5, "two models of the same data rank these applicants alike");
        Assert.Equal(5, comparison.GetProperty("challengerScorePercentiles").GetArrayLength());
    }
}
