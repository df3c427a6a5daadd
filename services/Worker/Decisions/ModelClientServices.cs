using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using CreditScoringContract = Decisioning.Contracts.Scoring.V1.CreditScoring;
using PricingContract = Decisioning.Contracts.Pricing.V1.Pricing;

namespace Worker.Decisions;

public static class ModelClientServices
{
    // One channel per model service for the Worker's jobs, which call in batches and off the live path.
    public static IHostApplicationBuilder AddModelClients(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ModelAddresses>().BindConfiguration(ModelAddresses.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(services => new CreditScoringContract.CreditScoringClient(
            GrpcChannel.ForAddress(services.GetRequiredService<IOptions<ModelAddresses>>().Value.CreditScoringAddress)));
        builder.Services.AddSingleton(services => new PricingContract.PricingClient(
            GrpcChannel.ForAddress(services.GetRequiredService<IOptions<ModelAddresses>>().Value.PricingAddress)));
        return builder;
    }
}
