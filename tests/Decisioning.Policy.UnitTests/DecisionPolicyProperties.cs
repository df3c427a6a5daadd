using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Decisioning.Policy.UnitTests;

// The policy on any input, model answers missing, extreme integers, NaN and infinities included: it never throws,
// only an approval carries an offer, and an approval is always within the risk, age and APR limits.
public class DecisionPolicyProperties
{
    private static readonly DecisionPolicy Policy = DecisionPolicy.Policy1;

    [Property(Arbitrary = [typeof(PolicyInputs)], MaxTest = 5000)]
    public bool An_approval_is_within_the_apr_cap_and_the_risk_and_age_limits(PolicyInput input)
    {
        var decision = Policy.Decide(input);

        if (decision.Outcome != DecisionOutcome.Approve)
        {
            return decision.Offer is null && decision.Reasons.Count > 0;
        }

        var application = input.Application;
        return decision.Offer is { Capped: false } offer
            && offer.AprPct <= Policy.MaxAprPct
            && input.Score!.ProbabilityOfDefault < Policy.ApproveBelowPd
            && application.Age >= Policy.MinimumAge
            && application.Age + Math.Ceiling(application.TermMonths / 12.0) <= Policy.MaximumAgeAtMaturity;
    }

    [Property(Arbitrary = [typeof(PolicyInputs)], MaxTest = 2000)]
    public bool The_same_input_gets_the_same_decision(PolicyInput input)
    {
        var first = Policy.Decide(input);
        var again = Policy.Decide(input);

        return first.Outcome == again.Outcome && first.Offer == again.Offer && first.Reasons.SequenceEqual(again.Reasons);
    }

    public static class PolicyInputs
    {
        public static Arbitrary<PolicyInput> Inputs()
        {
            var integers = Gen.Frequency((8, Gen.Choose(-100, 200)), (1, Gen.Elements(int.MinValue, int.MaxValue, int.MaxValue - 5, int.MinValue + 11)));
            var reals = Gen.Frequency(
                (8, Gen.Choose(0, 1_000_000).Select(n => n / 1_000_000.0)),
                (4, Gen.Choose(0, 10_000).Select(n => n / 100.0)),
                (1, Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon, double.MaxValue, -1.0)));
            return (
                from age in integers
                from term in integers
                from rate in integers
                from employment in Gen.Elements("unemployed", "1_to_4y")
                from pd in reals
                from apr in reals
                from capped in Gen.Elements(true, false)
                from scored in Gen.Frequency((6, Gen.Constant(true)), (1, Gen.Constant(false)))
                from priced in Gen.Frequency((6, Gen.Constant(true)), (1, Gen.Constant(false)))
                select Input(new ApplicationFacts("personal_loan", 5000m, term, age, employment, rate), pd, apr, capped, scored, priced)).ToArbitrary();
        }

        private static PolicyInput Input(ApplicationFacts application, double pd, double aprPct, bool capped, bool scored, bool priced)
        {
            var grade = pd is >= 0 and <= 1 ? RiskGrade.For(pd) : "C";
            var score = scored ? new ModelScore(pd, 600, grade, "german-scorecard-1", []) : null;
            var prices = priced ? new PriceGrid("pricing-1", RiskGrade.All.Select(g => new GradeOffer(g, 9.9, aprPct, 230.12m, 230.1m, 5522.78m, capped)).ToList()) : null;
            return new PolicyInput(application, score, prices);
        }
    }
}
