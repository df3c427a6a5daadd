using CreditScoring.Cards;
using CreditScoring.Registry;
using Decisioning.Contracts.Telemetry;

namespace CreditScoring.Scoring;

public static class ScoringServices
{
    // The model registry loads every model under Scoring:ModelsRoot at start (a champion that cannot be
    // loaded stops the service with a clear message) and follows the folder afterwards.
    public static IHostApplicationBuilder AddScoring(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ModelRegistryOptions>().BindConfiguration(ModelRegistryOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Champion), "Scoring:Champion must name the model that decides.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ModelRegistry>();
        builder.Services.AddSingleton<ModelCards>();
        builder.Services.AddSingleton<ScoringMetrics>();
        builder.Services.AddSingleton<GrpcMetricsInterceptor>();
        return builder;
    }
}
