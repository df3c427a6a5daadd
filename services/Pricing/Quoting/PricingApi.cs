using Decisioning.Contracts.Pricing.V1;
using Decisioning.Contracts.Types.V1;
using Decisioning.Contracts.Text;
using Grpc.Core;

namespace Pricing.Quoting;

// Maps requests of decisioning.pricing.v1.Pricing onto the Pricer and back; all logic is in Pricer.
public static class PricingApi
{
    public static IEndpointRouteBuilder MapPricingApi(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<PricingService>();
        return app;
    }

    /// <summary>The most requests one <c>QuoteBatch</c> call may carry.</summary>
    public const int MaxBatch = 1000;

    public static QuoteResponse Quote(Pricer pricer, QuoteRequest request)
    {
        // One price grid serves; a past version is priced only while it is the one serving, never approximated.
        if (request.PricingVersion.Length > 0 && request.PricingVersion != pricer.Version)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"Pricing version '{EchoedInput.Shorten(request.PricingVersion)}' is not served here; '{pricer.Version}' is."));
        }

        Quote quote;
        try
        {
            quote = pricer.Quote(new QuoteInput(request.Product, ToAmount(request.Amount), request.TermMonths));
        }
        catch (PricingInputException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{ex.Field}: {ex.Message}"));
        }

        var response = new QuoteResponse { Product = quote.Product, PricingVersion = quote.PricingVersion };
        foreach (var offer in quote.Offers)
        {
            response.Offers.Add(new Decisioning.Contracts.Pricing.V1.GradeOffer
            {
                Grade = offer.Grade,
                AnnualRatePct = offer.AnnualRatePct,
                AprPct = offer.AprPct,
                MonthlyPayment = offer.MonthlyPayment,
                FinalPayment = offer.FinalPayment,
                TotalRepayable = offer.TotalRepayable,
                Capped = offer.Capped,
                FloorRatePct = offer.FloorRatePct,
            });
        }

        return response;
    }

    private static decimal ToAmount(DecimalValue? amount) =>
        DecimalValue.TryToDecimal(amount, out var value)
            ? value
            : throw new RpcException(new Status(StatusCode.InvalidArgument, "amount: not a valid decimal amount."));
}
