using Decisioning.Contracts.Pricing.V1;
using Decisioning.Contracts.Scoring.V1;
using Decisioning.Contracts.Types.V1;
using Decisioning.Policy;

namespace Gateway.Models;

// A model service's answer is input like any other: one that is out of range is no answer (the decision refers, as
// when the service is down), never a price or an approval built on nonsense, nor a document that cannot be written.
public static class ModelAnswerChecks
{
    public const int MaxReasons = 16;
    private const int MaxTextLength = 200;
    private const double MaxRatePct = 100;

    // Why a score cannot be used, or null when it can.
    public static string? ProblemWith(ScoreResponse score)
    {
        if (!double.IsFinite(score.Pd) || score.Pd is < 0 or > 1)
        {
            return "probability of default outside [0, 1]";
        }

        if (!RiskGrade.IsGrade(score.Grade) || score.Grade != RiskGrade.For(score.Pd))
        {
            return "grade that does not match the probability of default";
        }

        if (!IsText(score.ModelVersion))
        {
            return "model version missing or too long";
        }

        if (score.Reasons.Count > MaxReasons || score.Reasons.Any(r => !IsText(r.Code) || r.Description.Length > MaxTextLength))
        {
            return "too many reasons, or a reason without a code";
        }

        return null;
    }

    // Why a price grid cannot be used for this loan, or null when it can. A grade left out is not a problem: an
    // application of that grade is referred for want of a price.
    public static string? ProblemWith(QuoteResponse quote, decimal amount, int termMonths)
    {
        if (!IsText(quote.PricingVersion))
        {
            return "pricing version missing or too long";
        }

        if (quote.Offers.Count == 0 || quote.Offers.Count > RiskGrade.All.Count)
        {
            return "no offers, or more offers than grades";
        }

        var grades = new HashSet<string>(StringComparer.Ordinal);
        foreach (var offer in quote.Offers)
        {
            if (!RiskGrade.IsGrade(offer.Grade) || !grades.Add(offer.Grade))
            {
                return "an offer for an unknown or repeated grade";
            }

            if (!IsRate(offer.AnnualRatePct) || !IsRate(offer.AprPct))
            {
                return "a rate that is not a number in [0, 100] %";
            }

            if (!DecimalValue.TryToDecimal(offer.MonthlyPayment, out var monthly)
                || !DecimalValue.TryToDecimal(offer.FinalPayment, out var final)
                || !DecimalValue.TryToDecimal(offer.TotalRepayable, out var total))
            {
                return "an offer without valid payments";
            }

            if (monthly <= 0 || final <= 0 || total < amount || Math.Abs((monthly * (termMonths - 1)) + final - total) > 0.01m)
            {
                return "payments that do not repay the loan";
            }
        }

        return null;
    }

    private static bool IsText(string value) => value.Length is > 0 and <= MaxTextLength;

    private static bool IsRate(double pct) => double.IsFinite(pct) && pct is >= 0 and <= MaxRatePct;
}
