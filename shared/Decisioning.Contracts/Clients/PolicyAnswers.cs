using Decisioning.Contracts.Pricing.V1;
using Decisioning.Contracts.Scoring.V1;
using Decisioning.Contracts.Types.V1;
using Decisioning.Policy;
using GradeOffer = Decisioning.Policy.GradeOffer;

namespace Decisioning.Contracts.Clients;

// What the model services answer, as the policy reads it: one mapping for live decisions, replays and backtests.
public static class PolicyAnswers
{
    public static ModelScore ToModelScore(ScoreResponse response)
    {
        var reasons = new Reason[response.Reasons.Count];
        for (var i = 0; i < reasons.Length; i++)
        {
            reasons[i] = new Reason(response.Reasons[i].Code, response.Reasons[i].Description);
        }

        return new ModelScore(response.Pd, response.Score, response.Grade, response.ModelVersion, reasons);
    }

    public static PriceGrid ToPriceGrid(QuoteResponse response)
    {
        var offers = new GradeOffer[response.Offers.Count];
        for (var i = 0; i < offers.Length; i++)
        {
            var o = response.Offers[i];
            offers[i] = new GradeOffer(o.Grade, o.AnnualRatePct, o.AprPct, DecimalValue.ToDecimal(o.MonthlyPayment), DecimalValue.ToDecimal(o.FinalPayment), DecimalValue.ToDecimal(o.TotalRepayable), o.Capped);
        }

        return new PriceGrid(response.PricingVersion, offers);
    }
}
