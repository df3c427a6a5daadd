using Decisioning.Contracts.Pricing.V1;
using Decisioning.Contracts.Scoring.V1;
using Decisioning.Grpc;
using Gateway.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Gateway.Models;

public static class ModelClientServices
{
    // One long-lived channel (a pooled set of HTTP/2 connections) per model service.
    public static IHostApplicationBuilder AddCreditModelClients(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<GrpcMetrics>();
        builder.Services.AddKeyedSingleton(nameof(CreditScoringClient), (services, _) => GrpcChannel.ForAddress(
            services.GetRequiredService<IOptions<ModelOptions>>().Value.CreditScoringAddress, new GrpcChannelOptions { Metrics = services.GetRequiredService<GrpcMetrics>() }));
        builder.Services.AddKeyedSingleton(nameof(PricingClient), (services, _) => GrpcChannel.ForAddress(
            services.GetRequiredService<IOptions<ModelOptions>>().Value.PricingAddress, new GrpcChannelOptions { Metrics = services.GetRequiredService<GrpcMetrics>() }));
        builder.Services.AddSingleton(services => new CreditScoringClient(services.GetRequiredKeyedService<GrpcChannel>(nameof(CreditScoringClient))));
        builder.Services.AddSingleton(services => new PricingClient(services.GetRequiredKeyedService<GrpcChannel>(nameof(PricingClient))));
        builder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration("credit-scoring", services => new ModelServiceHealthCheck(services.GetRequiredKeyedService<GrpcChannel>(nameof(CreditScoringClient))), HealthStatus.Degraded, null))
            .Add(new HealthCheckRegistration("pricing", services => new ModelServiceHealthCheck(services.GetRequiredKeyedService<GrpcChannel>(nameof(PricingClient))), HealthStatus.Degraded, null));
        return builder;
    }
}
