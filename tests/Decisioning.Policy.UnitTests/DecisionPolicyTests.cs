using Decisioning.Policy;

namespace Decisioning.Policy.UnitTests;

public class DecisionPolicyTests
{
    private static readonly DecisionPolicy Policy = DecisionPolicy.Policy1;
    private static readonly Reason ModelReason = new("CHECKING_NEGATIVE", "Checking account balance is negative");

    private static ApplicationFacts Application(int age = 35, int termMonths = 24, string employment = "1_to_4y", int installmentRatePct = 2) =>
        new("personal_loan", 5000m, termMonths, age, employment, installmentRatePct);

    private static ModelScore Score(double pd) => new(pd, ScoreScale.Points(pd), RiskGrade.For(pd), "german-scorecard-1", [ModelReason]);

    private static PriceGrid Prices(bool capped = false, double aprPct = 10.4) => new(
        "pricing-1",
        RiskGrade.All.Select(g => new GradeOffer(g, 9.9, aprPct, 230.12m, 230.1m, 5522.78m, capped)).ToList());

    [Fact]
    public void Low_risk_application_is_approved_with_the_offer_of_its_grade()
    {
        var decision = Policy.Decide(new PolicyInput(Application(), Score(0.05), Prices()));

        Assert.Equal(DecisionOutcome.Approve, decision.Outcome);
        Assert.Equal("B", decision.Offer!.Grade);
        Assert.Equal([ModelReason], decision.Reasons);
    }

    [Theory]
    [InlineData(0.10, DecisionOutcome.Approve)]
    [InlineData(0.1666, DecisionOutcome.Approve)]
    [InlineData(0.1667, DecisionOutcome.Refer)]
    [InlineData(0.30, DecisionOutcome.Refer)]
    [InlineData(0.4499, DecisionOutcome.Refer)]
    [InlineData(0.45, DecisionOutcome.Decline)]
    [InlineData(0.90, DecisionOutcome.Decline)]
    public void Pd_cut_offs_split_approve_refer_and_decline(double pd, DecisionOutcome expected)
    {
        var decision = Policy.Decide(new PolicyInput(Application(), Score(pd), Prices()));

        Assert.Equal(expected, decision.Outcome);
        Assert.Equal(expected == DecisionOutcome.Approve, decision.Offer is not null);
    }

    [Fact]
    public void Declines_and_refers_give_the_policy_reason_first_and_keep_the_model_reasons()
    {
        var decision = Policy.Decide(new PolicyInput(Application(), Score(0.6), Prices()));

        Assert.Equal([PolicyReasons.RiskTooHigh, ModelReason], decision.Reasons);
        Assert.Null(decision.Offer);
    }

    [Fact]
    public void Missing_score_refers_with_a_reason_naming_the_scoring_model()
    {
        var decision = Policy.Decide(new PolicyInput(Application(), null, Prices()));

        Assert.Equal(DecisionOutcome.Refer, decision.Outcome);
        Assert.Equal(PolicyReasons.ScoringUnavailable, decision.Reasons[0]);
    }

    [Fact]
    public void Missing_prices_refer_an_otherwise_approvable_application()
    {
        var decision = Policy.Decide(new PolicyInput(Application(), Score(0.05), null));

        Assert.Equal(DecisionOutcome.Refer, decision.Outcome);
        Assert.Equal(PolicyReasons.PricingUnavailable, decision.Reasons[0]);
    }

    [Fact]
    public void Missing_prices_do_not_stop_a_decline()
    {
        var decision = Policy.Decide(new PolicyInput(Application(), Score(0.7), null));

        Assert.Equal(DecisionOutcome.Decline, decision.Outcome);
    }

    [Fact]
    public void Knock_outs_apply_before_the_model_even_when_it_is_missing()
    {
        Assert.Equal(PolicyReasons.UnderMinimumAge, Policy.Decide(new PolicyInput(Application(age: 17), null, null)).Reasons[0]);
        var unemployed = Policy.Decide(new PolicyInput(Application(employment: "unemployed", installmentRatePct: 4), Score(0.02), Prices()));
        Assert.Equal(DecisionOutcome.Decline, unemployed.Outcome);
        Assert.Equal(PolicyReasons.UnemployedHighBurden, unemployed.Reasons[0]);
    }

    [Theory]
    [InlineData("unemployed", 4, DecisionOutcome.Decline)]
    [InlineData("unemployed", 3, DecisionOutcome.Approve)]
    [InlineData("lt_1y", 4, DecisionOutcome.Approve)]
    public void Policy1_declines_the_unemployed_only_in_the_highest_instalment_band(string employment, int installmentRatePct, DecisionOutcome expected)
    {
        var decision = DecisionPolicy.Versions["policy-1"].Decide(new PolicyInput(Application(employment: employment, installmentRatePct: installmentRatePct), Score(0.05), Prices()));

        Assert.Equal(expected, decision.Outcome);
    }

    [Fact]
    public void Knock_out_cut_offs_are_the_versions_parameters()
    {
        var stricter = Policy with { Version = "policy-test", KnockOutFromInstallmentRatePct = 3, MinimumAge = 21 };
        var burdened = new PolicyInput(Application(employment: "unemployed", installmentRatePct: 3), Score(0.05), Prices());
        var young = new PolicyInput(Application(age: 20), Score(0.05), Prices());

        Assert.Equal(PolicyReasons.UnemployedHighBurden, stricter.Decide(burdened).Reasons[0]);
        Assert.Equal(PolicyReasons.UnderMinimumAge, stricter.Decide(young).Reasons[0]);
        Assert.Equal(DecisionOutcome.Approve, Policy.Decide(burdened).Outcome);
        Assert.Equal(DecisionOutcome.Approve, Policy.Decide(young).Outcome);
    }

    [Fact]
    public void Age_at_maturity_over_the_limit_is_referred()
    {
        var decision = Policy.Decide(new PolicyInput(Application(age: 70, termMonths: 72), Score(0.05), Prices()));

        Assert.Equal(DecisionOutcome.Refer, decision.Outcome);
        Assert.Equal(PolicyReasons.AgeAtMaturity, decision.Reasons[0]);
    }

    [Fact]
    public void A_capped_price_or_an_apr_over_the_maximum_is_never_offered()
    {
        Assert.Equal(PolicyReasons.PriceCapped, Policy.Decide(new PolicyInput(Application(), Score(0.05), Prices(capped: true))).Reasons[0]);
        Assert.Equal(PolicyReasons.AprAboveCap, Policy.Decide(new PolicyInput(Application(), Score(0.05), Prices(aprPct: 36.5))).Reasons[0]);
    }

    [Fact]
    public void The_same_input_always_gives_the_same_decision()
    {
        var input = new PolicyInput(Application(), Score(0.12), Prices());

        Assert.Equal(Policy.Decide(input).Outcome, Policy.Decide(input).Outcome);
        Assert.Same(DecisionPolicy.Policy1, DecisionPolicy.Versions["policy-1"]);
    }

    [Fact]
    public void Policy1_keeps_the_cut_offs_its_stored_decisions_were_made_with()
    {
        // Decisions stored as "policy-1" replay only while its parameters stay as they were: new cut-offs are a new version.
        Assert.Equal(
            new DecisionPolicy("policy-1", 18, 75, "unemployed", 4, 1.0 / 6, 0.45, 36),
            DecisionPolicy.Versions["policy-1"]);
    }
}
