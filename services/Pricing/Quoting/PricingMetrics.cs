using System.Diagnostics.Metrics;
using Decisioning.Contracts.Pricing.V1;

namespace Pricing.Quoting;

// Quotes given, by configured product (an unknown product is refused before it is counted) and pricing version.
public sealed class PricingMetrics
{
    public const string MeterName = "Decisioning.Pricing";

    private readonly Counter<long> _quotes;

    public PricingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _quotes = meter.CreateCounter<long>("decisioning.pricing.quotes", description: "Price grids quoted, by product and pricing version.");
    }

    public void RecordQuote(QuoteResponse response) =>
        _quotes.Add(1, new KeyValuePair<string, object?>("product", response.Product), new KeyValuePair<string, object?>("pricing_version", response.PricingVersion));
}
