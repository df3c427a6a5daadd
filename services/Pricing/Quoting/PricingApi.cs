using Decisioning.Contracts.Pricing.V1;
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

    public static QuoteResponse Quote(Pricer pricer, QuoteRequest request)
    {
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
                MonthlyPayment = (double)offer.MonthlyPayment,
                FinalPayment = (double)offer.FinalPayment,
                TotalRepayable = (double)offer.TotalRepayable,
                Capped = offer.Capped,
                FloorRatePct = offer.FloorRatePct,
            });
        }

        return response;
    }

    private static decimal ToAmount(double amount)
    {
        if (!double.IsFinite(amount) || Math.Abs(amount) > 1e12)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "amount: not a finite amount."));
        }

        return Math.Round((decimal)amount, 2);
    }
}
