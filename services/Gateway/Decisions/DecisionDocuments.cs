using Decisioning.Policy;
using Gateway.Models;

namespace Gateway.Decisions;

// The decision document from the policy's decision and the models' answers: a pure function, so a replay composes
// exactly what the decision path composed.
public static class DecisionDocuments
{
    public static DecisionDocument Compose(DecisionRequest request, PolicyDecision decision, ModelAnswers answers, string policyVersion, Guid decisionId, DateTime decidedAt, string? traceId)
    {
        var reasons = new ReasonDocument[decision.Reasons.Count];
        for (var i = 0; i < reasons.Length; i++)
        {
            reasons[i] = new ReasonDocument(decision.Reasons[i].Code, decision.Reasons[i].Description);
        }

        var score = answers.Score is { } s ? new ScoreDocument(s.ProbabilityOfDefault, s.Points, s.Grade, s.ModelVersion) : null;
        var offer = decision.Offer is { } o && answers.Prices is { } prices
            ? new OfferDocument(o.AnnualRatePct, o.AprPct, o.MonthlyPayment, o.FinalPayment, o.TotalRepayable, prices.PricingVersion)
            : null;
        return new DecisionDocument(decisionId, request.ApplicationId!, OutcomeName(decision.Outcome), reasons, score, offer, policyVersion, decidedAt, traceId);
    }

    /// <summary>The facts of the application the policy reads.</summary>
    public static ApplicationFacts Facts(DecisionRequest request)
    {
        var applicant = request.Applicant!;
        return new ApplicationFacts(request.Product!, request.Amount!.Value, request.TermMonths!.Value, applicant.Age!.Value, applicant.Employment!, applicant.InstallmentRatePct!.Value);
    }

    public static string OutcomeName(DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Approve => "approve",
        DecisionOutcome.Decline => "decline",
        _ => "refer",
    };
}
