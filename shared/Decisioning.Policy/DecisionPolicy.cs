namespace Decisioning.Policy;

/// <summary>
/// A versioned credit policy: knock-out rules, PD cut-offs and an APR cap. Every cut-off is a parameter of
/// the version, and <see cref="Decide"/> is a pure function of its input, so a past decision replays
/// exactly under the version that made it. A version's parameters never change: new cut-offs are a new version.
/// </summary>
/// <param name="Version">The name stored with every decision made under this policy.</param>
/// <param name="MinimumAge">Younger applicants are declined.</param>
/// <param name="MaximumAgeAtMaturity">Applicants older than this at the end of the term (whole years, rounded up) are referred.</param>
/// <param name="KnockOutEmployment">The employment status that, with a high instalment burden, is declined.</param>
/// <param name="KnockOutFromInstallmentRatePct">The instalment rate (percent of disposable income) from which that status is declined.</param>
/// <param name="ApproveBelowPd">PDs below this are approved (when priced); from it up to <paramref name="DeclineFromPd"/> they are referred.</param>
/// <param name="DeclineFromPd">PDs from this up are declined.</param>
/// <param name="MaxAprPct">Offers with a higher APR are referred.</param>
public sealed record DecisionPolicy(
    string Version,
    int MinimumAge,
    int MaximumAgeAtMaturity,
    string KnockOutEmployment,
    int KnockOutFromInstallmentRatePct,
    double ApproveBelowPd,
    double DeclineFromPd,
    double MaxAprPct)
{
    /// <summary>
    /// The first policy: approve under the 5:1 cost-optimal PD of 1/6, decline from 0.45 (grade G); decline the
    /// unemployed whose instalments take the highest band (4) of disposable income.
    /// </summary>
    public static readonly DecisionPolicy Policy1 = new(
        "policy-1",
        MinimumAge: 18,
        MaximumAgeAtMaturity: 75,
        KnockOutEmployment: "unemployed",
        KnockOutFromInstallmentRatePct: 4,
        ApproveBelowPd: 1.0 / 6,
        DeclineFromPd: 0.45,
        MaxAprPct: 36);

    /// <summary>Every policy version the platform can decide or replay with.</summary>
    public static readonly IReadOnlyDictionary<string, DecisionPolicy> Versions = new Dictionary<string, DecisionPolicy>
    {
        [Policy1.Version] = Policy1,
    };

    /// <summary>Decides an application.</summary>
    public PolicyDecision Decide(PolicyInput input)
    {
        var application = input.Application;
        var modelReasons = input.Score?.Reasons ?? [];

        if (application.Age < MinimumAge)
        {
            return Decline(PolicyReasons.UnderMinimumAge, modelReasons);
        }

        if (application.Employment == KnockOutEmployment && application.InstallmentRatePct >= KnockOutFromInstallmentRatePct)
        {
            return Decline(PolicyReasons.UnemployedHighBurden, modelReasons);
        }

        // A PD that is no number is no answer from the model.
        if (input.Score is not { } score || double.IsNaN(score.ProbabilityOfDefault))
        {
            return Refer(PolicyReasons.ScoringUnavailable, modelReasons);
        }

        if (score.ProbabilityOfDefault >= DeclineFromPd)
        {
            return Decline(PolicyReasons.RiskTooHigh, modelReasons);
        }

        if (score.ProbabilityOfDefault >= ApproveBelowPd)
        {
            return Refer(PolicyReasons.RiskNeedsReview, modelReasons);
        }

        if (application.Age + YearsRoundedUp(application.TermMonths) > MaximumAgeAtMaturity)
        {
            return Refer(PolicyReasons.AgeAtMaturity, modelReasons);
        }

        if (input.Prices?.For(score.Grade) is not { } offer)
        {
            return Refer(PolicyReasons.PricingUnavailable, modelReasons);
        }

        if (offer.Capped)
        {
            return Refer(PolicyReasons.PriceCapped, modelReasons);
        }

        // Written so that an APR that is no number is not under the cap either.
        if (!(offer.AprPct <= MaxAprPct))
        {
            return Refer(PolicyReasons.AprAboveCap, modelReasons);
        }

        return new PolicyDecision(DecisionOutcome.Approve, modelReasons, offer);
    }

    // In long arithmetic, so that no age or term wraps round to a small sum.
    private static long YearsRoundedUp(int months) => ((long)months + 11) / 12;

    private static PolicyDecision Decline(Reason reason, IReadOnlyList<Reason> modelReasons) =>
        new(DecisionOutcome.Decline, [reason, .. modelReasons], null);

    private static PolicyDecision Refer(Reason reason, IReadOnlyList<Reason> modelReasons) =>
        new(DecisionOutcome.Refer, [reason, .. modelReasons], null);
}
