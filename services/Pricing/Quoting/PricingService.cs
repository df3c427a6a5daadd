using System.Diagnostics;
using Decisioning.Contracts.Pricing.V1;
using Grpc.Core;
using PricingContract = Decisioning.Contracts.Pricing.V1.Pricing;

namespace Pricing.Quoting;

// The gRPC face of the Pricer: a thin adapter, all logic is in Pricer.
public sealed class PricingService(Pricer pricer, PricingMetrics metrics) : PricingContract.PricingBase
{
    public override Task<QuoteResponse> Quote(QuoteRequest request, ServerCallContext context)
    {
        var response = PricingApi.Quote(pricer, request);
        metrics.RecordQuote(response);
        // Telemetry: the server span says which price grid answered, so a trace explains a decision's offer.
        Activity.Current?.SetTag("decisioning.pricing.version", response.PricingVersion);
        return Task.FromResult(response);
    }
}
