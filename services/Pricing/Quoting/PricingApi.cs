using System.Diagnostics;
using Decisioning.Contracts.Pricing.V1;
using Decisioning.Contracts.Types.V1;
using Decisioning.Grpc;
using Decisioning.Grpc.Health.V1;

namespace Pricing.Quoting;

// The gRPC face of the Pricer: a thin adapter, all logic is in Pricer.
public static class PricingApi
{
    public static IEndpointRouteBuilder MapPricingApi(this IEndpointRouteBuilder app)
    {
        var pricer = app.ServiceProvider.GetRequiredService<Pricer>();
        var metrics = app.ServiceProvider.GetRequiredService<PricingMetrics>();
        app.MapUnaryMethod(PricingGrpc.Quote, (request, context) =>
        {
            var response = Quote(pricer, request);
            metrics.RecordQuote(response);
            // Telemetry: the server span says which price grid answered, so a trace explains a decision's offer.
            Activity.Current?.SetTag("decisioning.pricing.version", response.PricingVersion);
            return Task.FromResult(response);
        });
        app.ServiceProvider.GetRequiredService<HealthServiceImpl>().SetStatus(PricingGrpc.ServiceName, HealthCheckResponse.Types.ServingStatus.Serving);
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
