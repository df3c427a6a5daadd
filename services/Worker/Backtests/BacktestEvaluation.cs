using Decisioning.Policy;
using Worker.Decisions;

namespace Worker.Backtests;

// Both sides of one backtested decision: the baseline as stored, the candidate as its policy decides the application
// with the candidate's answers. Pure.
public static class BacktestEvaluation
{
    public static BacktestDecision Baseline(DecisionRow row) => new(row.Outcome, row.Pd, row.Grade);

    /// <summary>The stored score, for a candidate that keeps the model which made the decision (null if it was unscored).</summary>
    public static ModelScore? StoredScore(DecisionRow row) =>
        row is { Pd: { } pd, Score: { } points, Grade: { } grade, ModelVersion: { } version } ? new ModelScore(pd, points, grade, version, []) : null;

    public static BacktestDecision Candidate(DecisionRow row, DecisionPolicy policy, ModelScore? score, PriceGrid? prices)
    {
        var facts = new ApplicationFacts(row.Product, row.Amount, row.TermMonths, row.Age, row.Employment, row.InstallmentRatePct);
        var decision = policy.Decide(new PolicyInput(facts, score, prices));
        var outcome = decision.Outcome switch
        {
            DecisionOutcome.Approve => "approve",
            DecisionOutcome.Decline => "decline",
            _ => "refer",
        };
        return new BacktestDecision(outcome, score?.ProbabilityOfDefault, score?.Grade);
    }
}
