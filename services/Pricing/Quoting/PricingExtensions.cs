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
        builder.Services.AddSingleton(services => new Pricer(services.GetRequiredService<IOptions<PricingOptions>>().Value));
        return builder;
    }
}
