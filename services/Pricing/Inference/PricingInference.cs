using System.Reflection;
using Decisioning.Contracts.Inference;
using Microsoft.Extensions.Options;
using Pricing.Quoting;

namespace Pricing.Inference;

// The Open Inference Protocol face of Pricing: one model, "pricing", versioned by the pricing version.
public static class PricingInference
{
    public const string ServerName = "decisioning-pricing";

    public static IHostApplicationBuilder AddPricingInference(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services => new InferenceServer(ServerName, ServerVersion(),
        [
            new PricingInferenceModel(services.GetRequiredService<Pricer>(), services.GetRequiredService<IOptions<PricingOptions>>().Value.PricingVersion),
        ]));
        return builder;
    }

    public static IEndpointRouteBuilder MapPricingInference(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<InferenceServer>();
        return app;
    }

    private static string ServerVersion() =>
        typeof(PricingInference).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "1.0.0";
}
