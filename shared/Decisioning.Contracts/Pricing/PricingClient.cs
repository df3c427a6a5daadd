using Decisioning.Grpc;

namespace Decisioning.Contracts.Pricing.V1;

/// <summary>Typed client of the Pricing service over a shared channel.</summary>
public sealed class PricingClient(GrpcChannel channel)
{
    /// <summary>Prices a loan for every grade.</summary>
    public Task<QuoteResponse> QuoteAsync(QuoteRequest request, CallOptions options = default) =>
        channel.UnaryCallAsync(PricingGrpc.Quote, request, options);
}
