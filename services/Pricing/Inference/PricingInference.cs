using System.Reflection;
using Decisioning.Contracts.Inference;
using Microsoft.Extensions.Options;
using Pricing.Quoting;

namespace Pricing.Inference;

// The Open Inference Protocol face of Pricing: one model, "pricing", versioned by the pricing version.
public static class PricingInference
{
    public const string ServerName = "decisioning-pricing";

    public static IEndpointRouteBuilder MapPricingInference(this IEndpointRouteBuilder app)
    {
        var services = app.ServiceProvider;
        var model = new PricingInferenceModel(
            services.GetRequiredService<Pricer>(),
            services.GetRequiredService<IOptions<PricingOptions>>().Value.PricingVersion);
        return app.MapInferenceService(new InferenceServer(ServerName, ServerVersion(), [model]));
    }

    private static string ServerVersion() =>
        typeof(PricingInference).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "1.0.0";
}
