using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using CreditScoringContract = Decisioning.Contracts.Scoring.V1.CreditScoring;
using PricingContract = Decisioning.Contracts.Pricing.V1.Pricing;

namespace Worker.Backtests;

public static class BacktestServices
{
    public static IHostApplicationBuilder AddBacktests(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BacktestOptions>().BindConfiguration(BacktestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<BacktestQueue>();
        builder.Services.AddSingleton(services => new CreditScoringContract.CreditScoringClient(
            GrpcChannel.ForAddress(services.GetRequiredService<IOptions<BacktestOptions>>().Value.CreditScoringAddress)));
        builder.Services.AddSingleton(services => new PricingContract.PricingClient(
            GrpcChannel.ForAddress(services.GetRequiredService<IOptions<BacktestOptions>>().Value.PricingAddress)));
        builder.Services.AddSingleton<CandidateAnswers>();
        builder.Services.AddHostedService<BacktestRunner>();
        return builder;
    }
}
