using Decisioning.Contracts.Telemetry;
using Microsoft.Extensions.Options;

namespace Pricing.Quoting;

public static class PricingExtensions
{
    // Binds and validates the "Pricing" section at start-up and registers the Pricer as a singleton.
    public static IHostApplicationBuilder AddPricing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<PricingOptions>, PricingOptionsValidator>();
        builder.Services.AddOptions<PricingOptions>().BindConfiguration(PricingOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<PricingMetrics>();
        builder.Services.AddSingleton<GrpcMetricsInterceptor>();
        // The market model is loaded at start: a missing or corrupt file stops the service with a clear message.
        var marketDirectory = builder.Configuration["Pricing:MarketRatesDirectory"]
            ?? throw new InvalidOperationException("Pricing:MarketRatesDirectory is not set.");
        var market = MarketRates.Load(Path.IsPathRooted(marketDirectory) ? marketDirectory : Path.Combine(AppContext.BaseDirectory, marketDirectory));
        builder.Services.AddSingleton(services => new Pricer(services.GetRequiredService<IOptions<PricingOptions>>().Value, market));
        return builder;
    }
}
