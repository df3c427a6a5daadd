using System.Net;
using Decisioning.Contracts.Pricing.V1;
using Decisioning.Contracts.Scoring.V1;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Security;

// OWASP API10:2023. The Gateway consumes two APIs of its own, and treats their answers as untrusted input: a PD that
// is not a probability, a grade that is not the PD's, an empty or nonsensical price grid, or a message far larger
// than any real answer is no answer. The application is referred (201, recorded), never approved at a nonsense
// price, never a 5xx.
public class Api10_UnsafeConsumptionOfApis(Api10_UnsafeConsumptionOfApis.Scene scene) : IClassFixture<Api10_UnsafeConsumptionOfApis.Scene>
{
    public static TheoryData<string, string> Misbehaviours => new()
    {
        { "NaN PD", "SCORING_UNAVAILABLE" },
        { "negative PD", "SCORING_UNAVAILABLE" },
        { "PD above 1", "SCORING_UNAVAILABLE" },
        { "grade not the PD's", "SCORING_UNAVAILABLE" },
        { "a thousand reasons", "SCORING_UNAVAILABLE" },
        { "huge score message", "SCORING_UNAVAILABLE" },
        { "empty grid", "PRICING_UNAVAILABLE" },
        { "NaN rate", "PRICING_UNAVAILABLE" },
        { "negative payment", "PRICING_UNAVAILABLE" },
        { "infinite APR", "PRICING_UNAVAILABLE" },
        { "huge quote message", "PRICING_UNAVAILABLE" },
    };

    [Fact]
    public async Task Api10_sound_answers_of_the_stand_in_services_are_approved_at_their_price()
    {
        var tenant = await scene.Platform.CreateTenantAsync();
        scene.Models.Score = _ => MisbehavingModelServices.GoodScore();
        scene.Models.Quote = MisbehavingModelServices.GoodQuote;

        using var response = await scene.Platform.Client(tenant.Decider).PostDecisionAsync(Applications.LowRisk());
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("approve", body.GetProperty("outcome").GetString());
        Assert.Equal("misbehaving-pricing-1", body.GetProperty("offer").GetProperty("pricingVersion").GetString());
    }

    [Theory]
    [MemberData(nameof(Misbehaviours))]
    public async Task Api10_a_model_service_answering_nonsense_makes_the_gateway_refer_not_fail(string misbehaviour, string reason)
    {
        var tenant = await scene.Platform.CreateTenantAsync();
        scene.Models.Score = _ => MisbehavingModelServices.GoodScore();
        scene.Models.Quote = MisbehavingModelServices.GoodQuote;
        Misbehave(scene.Models, misbehaviour);

        using var response = await scene.Platform.Client(tenant.Decider).PostDecisionAsync(Applications.LowRisk());
        var text = await response.Content.ReadAsStringAsync();
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("refer", body.GetProperty("outcome").GetString());
        Assert.Equal(reason, body.GetProperty("reasons")[0].GetProperty("code").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("offer").ValueKind);
        Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
        Assert.True(text.Length < 16 * 1024, $"A {text.Length}-character decision document");
        Assert.Equal(1, await scene.Platform.DecisionCountAsync(tenant.TenantId));
    }

    private static void Misbehave(MisbehavingModelServices models, string misbehaviour)
    {
        switch (misbehaviour)
        {
            case "NaN PD":
                models.Score = _ => Scored(s => s.Pd = double.NaN);
                break;
            case "negative PD":
                models.Score = _ => Scored(s => s.Pd = -0.2);
                break;
            case "PD above 1":
                models.Score = _ => Scored(s => (s.Pd, s.Grade) = (1.5, "G"));
                break;
            case "grade not the PD's":
                models.Score = _ => Scored(s => s.Grade = "G");
                break;
            case "a thousand reasons":
                models.Score = _ => Scored(s => s.Reasons.Add(Enumerable.Range(0, 1000).Select(i => new ReasonCode { Code = $"R{i}", Description = "filler" })));
                break;
            case "huge score message":
                models.Score = _ => Scored(s => s.ModelName = new string('x', 5 * 1024 * 1024));
                break;
            case "empty grid":
                models.Quote = request => Quoted(request, q => q.Offers.Clear());
                break;
            case "NaN rate":
                models.Quote = request => Quoted(request, q => q.Offers[0].AnnualRatePct = double.NaN);
                break;
            case "negative payment":
                models.Quote = request => Quoted(request, q => q.Offers[0].MonthlyPayment = -100m);
                break;
            case "infinite APR":
                models.Quote = request => Quoted(request, q => q.Offers[0].AprPct = double.PositiveInfinity);
                break;
            case "huge quote message":
                models.Quote = request => Quoted(request, q => q.Product = new string('x', 5 * 1024 * 1024));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(misbehaviour), misbehaviour, null);
        }
    }

    private static ScoreResponse Scored(Action<ScoreResponse> change)
    {
        var score = MisbehavingModelServices.GoodScore();
        change(score);
        return score;
    }

    private static QuoteResponse Quoted(QuoteRequest request, Action<QuoteResponse> change)
    {
        var quote = MisbehavingModelServices.GoodQuote(request);
        change(quote);
        return quote;
    }

    // The Gateway of a full platform, its model addresses pointed at the stand-ins, its circuit breakers off so that
    // each answer is judged on its own.
    public sealed class Scene : IAsyncLifetime
    {
        private readonly int _modelsPort = FreePort.Next();

        public MisbehavingModelServices Models { get; private set; } = null!;

        public Platform Platform { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Models = await MisbehavingModelServices.StartAsync(_modelsPort);
            Platform = new Platform
            {
                GatewaySettings = new Dictionary<string, string>
                {
                    ["Models:CreditScoringAddress"] = Models.Address.ToString(),
                    ["Models:PricingAddress"] = Models.Address.ToString(),
                    ["Models:CircuitBreaker:Enabled"] = "false",
                },
            };
            await Platform.InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            await Platform.DisposeAsync();
            await Models.DisposeAsync();
        }
    }
}
