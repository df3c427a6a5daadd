using Decisioning.Grpc;

namespace Decisioning.Contracts.Pricing.V1;

/// <summary>The methods of <c>decisioning.pricing.v1.Pricing</c>, as grpc-dotnet would generate them.</summary>
public static class PricingGrpc
{
    /// <summary>The fully-qualified service name.</summary>
    public const string ServiceName = "decisioning.pricing.v1.Pricing";

    /// <summary>Prices a loan for every grade.</summary>
    public static readonly Method<QuoteRequest, QuoteResponse> Quote = new(ServiceName, "Quote");
}
