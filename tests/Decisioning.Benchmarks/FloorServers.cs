using System.Net;
using Decisioning.Contracts.Pricing.V1;
using Decisioning.Contracts.Scoring.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Npgsql;
using CreditScoringContract = Decisioning.Contracts.Scoring.V1.CreditScoring;
using PricingContract = Decisioning.Contracts.Pricing.V1.Pricing;

namespace Decisioning.Benchmarks;

// What a decision costs at the least on this machine: the same two concurrent unary calls (grpc-dotnet on both
// sides, to servers that answer canned responses of the real size) and one insert of a row of the decision row's
// size. The Gateway's throughput is reported as a ratio of this floor.
public static class FloorServers
{
    public static async Task<int> RunEchoAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<CannedScoring>();
        app.MapGrpcService<CannedPricing>();
        await app.RunAsync();
        return 0;
    }

    public static async Task<int> RunFloorAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var configuration = builder.Configuration;
        // Pooled connections are not reset between requests, as the platform's are not: the floor is the least a
        // decision's insert can cost.
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Decisioning")
            ?? throw new InvalidOperationException("ConnectionStrings__Decisioning is not set.")) { NoResetOnClose = true }.ConnectionString);
        var scoring = new CreditScoringContract.CreditScoringClient(GrpcChannel.ForAddress(new Uri(configuration["Floor:ScoringAddress"]!)));
        var pricing = new PricingContract.PricingClient(GrpcChannel.ForAddress(new Uri(configuration["Floor:PricingAddress"]!)));
        await using (var command = dataSource.CreateCommand(CreateTable))
        {
            await command.ExecuteNonQueryAsync();
        }

        var app = builder.Build();
        app.MapPost("/floor", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var options = new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(150));
            var scored = scoring.ScoreAsync(new ScoreRequest { ApplicationId = "LA-1", Amount = 5000, TermMonths = 24 }, options);
            var priced = pricing.QuoteAsync(new QuoteRequest { Product = "personal_loan", Amount = 5000, TermMonths = 24 }, options);
            var score = await scored;
            await priced;
            await using var insert = dataSource.CreateCommand(Insert);
            insert.Parameters.AddWithValue(Guid.CreateVersion7());
            insert.Parameters.AddWithValue(body);
            insert.Parameters.AddWithValue(score.ToString());
            await insert.ExecuteNonQueryAsync();
            return Results.Json(new { outcome = "approve", pd = score.Pd }, statusCode: 201);
        });
        await app.RunAsync();
        return 0;
    }

    // Same shape as a decision row: uuid key, two indexes, a jsonb request and a json document.
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS bench_floor (
            id uuid PRIMARY KEY,
            created_at timestamptz NOT NULL DEFAULT now(),
            request jsonb NOT NULL,
            document json NOT NULL
        );
        CREATE INDEX IF NOT EXISTS bench_floor_by_time ON bench_floor (created_at DESC, id DESC);
        """;

    private const string Insert = "INSERT INTO bench_floor (id, request, document) VALUES ($1, $2::jsonb, $3::json)";

    private sealed class CannedScoring : CreditScoringContract.CreditScoringBase
    {
        private static readonly Task<ScoreResponse> s_score = Task.FromResult(CannedScore());

        public override Task<ScoreResponse> Score(ScoreRequest request, ServerCallContext context) => s_score;
    }

    private sealed class CannedPricing : PricingContract.PricingBase
    {
        private static readonly Task<QuoteResponse> s_quote = Task.FromResult(CannedQuote());

        public override Task<QuoteResponse> Quote(QuoteRequest request, ServerCallContext context) => s_quote;
    }

    private static ScoreResponse CannedScore()
    {
        var response = new ScoreResponse { Pd = 0.1302082246148129, Score = 542, Grade = "D", ModelName = "german-scorecard", ModelVersion = "german-scorecard-1" };
        foreach (var (code, text) in new[] { ("LOW_SAVINGS", "Savings are below 100"), ("EXISTING_CREDITS_BEING_REPAID", "Existing credits are still being repaid"), ("LONG_TERM", "Loan term is long"), ("HIGH_AMOUNT", "Loan amount is high") })
        {
            response.Reasons.Add(new ReasonCode { Code = code, Description = text, Contribution = 0.25 });
        }

        return response;
    }

    private static QuoteResponse CannedQuote()
    {
        var response = new QuoteResponse { Product = "personal_loan", PricingVersion = "pricing-2" };
        foreach (var grade in new[] { "A", "B", "C", "D", "E", "F", "G" })
        {
            response.Offers.Add(new GradeOffer { Grade = grade, AnnualRatePct = 13.87, AprPct = 14.79, MonthlyPayment = 239.76m, FinalPayment = 239.8m, TotalRepayable = 5754.17m, FloorRatePct = 13.87 });
        }

        return response;
    }
}
