using Decisioning.Contracts.Pricing.V1;
using Decisioning.ServiceDefaults.Metrics;
using Prometheus;

namespace Pricing.Quoting;

// Quotes given, by configured product (an unknown product is refused before it is counted) and pricing version.
public sealed class PricingMetrics(IMetricFactory metrics)
{
    private readonly Counter _quotes = metrics.CreateCounter(
        "decisioning_pricing_quotes_total", "Price grids quoted, by product and pricing version.", ["product", "pricing_version"]);

    public void RecordQuote(QuoteResponse response) => _quotes.WithBoundedLabels(response.Product, response.PricingVersion).Inc();
}
