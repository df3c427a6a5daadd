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

    public override Task<QuoteBatchResponse> QuoteBatch(QuoteBatchRequest request, ServerCallContext context)
    {
        if (request.Quotes.Count > PricingApi.MaxBatch)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"A batch holds at most {PricingApi.MaxBatch} requests; this one has {request.Quotes.Count}."));
        }

        var response = new QuoteBatchResponse();
        foreach (var quote in request.Quotes)
        {
            try
            {
                var answer = PricingApi.Quote(pricer, quote);
                metrics.RecordQuote(answer);
                response.Results.Add(new QuoteBatchResult { Quote = answer });
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.InvalidArgument or StatusCode.NotFound)
            {
                response.Results.Add(new QuoteBatchResult { Error = ex.Status.Detail });
            }
        }

        return Task.FromResult(response);
    }
}
