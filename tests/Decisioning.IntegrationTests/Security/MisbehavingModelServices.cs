using System.Net;
using Decisioning.Contracts.Pricing.V1;
using Decisioning.Contracts.Scoring.V1;
using Decisioning.Contracts.Types.V1;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using CreditScoringContract = Decisioning.Contracts.Scoring.V1.CreditScoring;
using PricingContract = Decisioning.Contracts.Pricing.V1.Pricing;

namespace Decisioning.IntegrationTests.Security;

// CreditScoring and Pricing as a test wants them to misbehave: one real Kestrel on loopback (h2c) serving both
// contracts and grpc.health.v1, answering whatever Score and Quote are set to.
public sealed class MisbehavingModelServices : IAsyncDisposable
{
    private WebApplication? _app;

    private MisbehavingModelServices(Uri address) => Address = address;

    public Uri Address { get; }

    public Func<ScoreRequest, ScoreResponse> Score { get; set; } = _ => GoodScore();

    public Func<QuoteRequest, QuoteResponse> Quote { get; set; } = GoodQuote;

    public static async Task<MisbehavingModelServices> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var health = new HealthServiceImpl();
        health.SetStatus("", HealthCheckResponse.Types.ServingStatus.Serving);
        builder.Services.AddSingleton(health);
        var services = new MisbehavingModelServices(new Uri($"http://127.0.0.1:{port}"));
        builder.Services.AddSingleton(services);
        var app = services._app = builder.Build();
        app.MapGrpcService<HealthServiceImpl>();
        app.MapGrpcService<Scoring>();
        app.MapGrpcService<Pricing>();
        await app.StartAsync();
        return services;
    }

    /// <summary>A sound score: a PD of 2 % is grade A.</summary>
    public static ScoreResponse GoodScore() => new()
    {
        Pd = 0.02,
        Score = 713,
        Grade = "A",
        ModelName = "misbehaving",
        ModelVersion = "misbehaving-1",
        Reasons = { new ReasonCode { Code = "CHECKING_NEGATIVE", Description = "Checking account balance is negative", Contribution = 0.3 } },
    };

    /// <summary>A sound grid: every grade at 10 %, paying back 105 % of the amount.</summary>
    public static QuoteResponse GoodQuote(QuoteRequest request)
    {
        var total = Math.Round(DecimalValue.ToDecimal(request.Amount) * 1.05m, 2);
        var monthly = Math.Round(total / request.TermMonths, 2, MidpointRounding.ToZero);
        var quote = new QuoteResponse { Product = request.Product, PricingVersion = "misbehaving-pricing-1" };
        foreach (var grade in Decisioning.Policy.RiskGrade.All)
        {
            quote.Offers.Add(new GradeOffer
            {
                Grade = grade,
                AnnualRatePct = 10,
                AprPct = 10.5,
                MonthlyPayment = monthly,
                FinalPayment = total - (monthly * (request.TermMonths - 1)),
                TotalRepayable = total,
            });
        }

        return quote;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private sealed class Scoring(MisbehavingModelServices services) : CreditScoringContract.CreditScoringBase
    {
        public override Task<ScoreResponse> Score(ScoreRequest request, ServerCallContext context) => Task.FromResult(services.Score(request));
    }

    private sealed class Pricing(MisbehavingModelServices services) : PricingContract.PricingBase
    {
        public override Task<QuoteResponse> Quote(QuoteRequest request, ServerCallContext context) => Task.FromResult(services.Quote(request));
    }
}
