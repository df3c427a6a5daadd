using CreditScoring.Scoring;
using Decisioning.Policy;

namespace CreditScoring.UnitTests;

public class ScorecardScoringTests
{
    private static readonly Scorecard Model = CommittedModel.Scorecard;

    public static TheoryData<int> SampleRows => [0, 1, 2, 3, 4, 5, 17, 99, 500, 998];

    [Theory]
    [MemberData(nameof(SampleRows))]
    public void Base_logit_plus_contributions_is_the_logit(int row)
    {
        var applicant = GermanCreditRows.Load()[row];
        var result = Model.Score(applicant);
        var contributions = Model.Contributions(applicant);

        Assert.Equal(Model.FeatureNames, contributions.Select(c => c.Feature));
        Assert.All(contributions, c => Assert.True(c.Contribution >= 0, $"{c.Feature} {c.Contribution}"));
        Assert.Equal(result.Logit, Model.BaseLogit + contributions.Sum(c => c.Contribution), 1e-12);
        Assert.Equal(result.Logit, Model.Intercept + contributions.Sum(c => c.Weight), 1e-12);
        Assert.Equal(1 / (1 + Math.Exp(-result.Logit)), result.ProbabilityOfDefault, 1e-15);
    }

    [Fact]
    public void Reasons_are_the_largest_positive_contributions_in_order()
    {
        foreach (var applicant in GermanCreditRows.Load())
        {
            var reasons = Model.Score(applicant).Reasons;
            var raising = Model.Contributions(applicant).Where(c => c.Contribution > 0).ToList();
            var expected = raising.OrderByDescending(c => c.Contribution).Take(Scorecard.MaxReasons).ToList();

            Assert.Equal(expected.Count, reasons.Count);
            Assert.All(reasons, r => Assert.True(r.Contribution > 0));
            Assert.Equal(reasons.OrderByDescending(r => r.Contribution).Select(r => r.Code), reasons.Select(r => r.Code));
            Assert.Equal(expected.Select(c => c.Contribution), reasons.Select(r => r.Contribution));
            foreach (var reason in reasons)
            {
                var raised = Assert.Single(raising, c => c.Feature == reason.Feature);
                Assert.Equal(raised.Contribution, reason.Contribution);
                Assert.Equal(ReasonCodes.All.Single(d => d.Code == reason.Code).Feature, reason.Feature);
            }
        }
    }

    [Fact]
    public void Example_applicant_with_a_negative_checking_balance_is_told_so()
    {
        var result = Model.Score(Applicants.Example);

        Assert.Contains(result.Reasons, r => r.Code == "CHECKING_NEGATIVE" && r.Description == "Checking account balance is negative");
        Assert.Equal("german-scorecard", result.ModelName);
        Assert.Equal("german-scorecard-1", result.ModelVersion);
    }

    [Fact]
    public void Applicant_at_every_best_bin_has_no_reasons_and_the_base_pd()
    {
        var best = Applicants.Example with
        {
            Amount = 1000,
            TermMonths = 6,
            Purpose = "car_used",
            Age = 40,
            CheckingAccount = "none",
            CreditHistory = "critical",
            Savings = "unknown",
            Employment = "4_to_7y",
            InstallmentRatePct = 1,
            OtherDebtors = "guarantor",
            ResidenceYears = 1,
            Property = "real_estate",
            OtherInstallmentPlans = "none",
            Housing = "own",
            ExistingCredits = 1,
            Job = "unskilled_nonresident",
            Dependents = 1,
            Telephone = true,
        };
        var contributions = Model.Contributions(best);
        var result = Model.Score(best);

        Assert.All(contributions, c => Assert.Equal(0, c.Contribution));
        Assert.Empty(result.Reasons);
        Assert.Equal(Model.BaseLogit, result.Logit, 1e-12);
    }

    [Theory]
    [InlineData("lt_0", "none")]
    [InlineData("0_to_200", "ge_200")]
    [InlineData("lt_0", "0_to_200")]
    public void Worse_checking_account_is_riskier_all_else_equal(string riskier, string safer)
    {
        var a = Model.Score(Applicants.Example with { CheckingAccount = riskier }).ProbabilityOfDefault;
        var b = Model.Score(Applicants.Example with { CheckingAccount = safer }).ProbabilityOfDefault;

        Assert.True(a > b, $"{riskier} {a} vs {safer} {b}");
    }

    [Fact]
    public void Longer_term_and_past_delays_never_lower_the_pd()
    {
        var byTerm = Enumerable.Range(6, 67).Select(t => Model.Score(Applicants.Example with { TermMonths = t }).ProbabilityOfDefault).ToList();

        Assert.Equal(byTerm.Order(), byTerm);
        Assert.True(byTerm[^1] > byTerm[0]);
        Assert.True(Model.Score(Applicants.Example with { CreditHistory = "past_delays" }).ProbabilityOfDefault
            > Model.Score(Applicants.Example with { CreditHistory = "critical" }).ProbabilityOfDefault);
    }

    [Fact]
    public void Elderly_applicant_is_never_scored_worse_than_a_younger_one()
    {
        var elderly = Enumerable.Range(62, 39).Select(age => Model.Score(Applicants.Example with { Age = age }).ProbabilityOfDefault).ToList();
        var younger = Enumerable.Range(18, 44).Select(age => Model.Score(Applicants.Example with { Age = age }).ProbabilityOfDefault).ToList();

        Assert.True(elderly.Max() <= younger.Min(), $"elderly max {elderly.Max()} vs younger min {younger.Min()}");
        Assert.DoesNotContain(Model.PossibleReasons, r => r.Feature == "age" && r.Code != "YOUNGER_APPLICANT");
    }

    [Fact]
    public void Grade_and_points_follow_the_pd()
    {
        var results = GermanCreditRows.Load().Select(Model.Score).OrderBy(r => r.ProbabilityOfDefault).ToList();

        Assert.All(results, r =>
        {
            Assert.Equal(RiskGrade.For(r.ProbabilityOfDefault), r.Grade);
            Assert.Equal(ScoreScale.Points(r.ProbabilityOfDefault), r.Points);
        });
        for (var i = 1; i < results.Count; i++)
        {
            Assert.True(results[i].Points <= results[i - 1].Points);
            Assert.True(string.CompareOrdinal(results[i].Grade, results[i - 1].Grade) >= 0);
        }

        Assert.True(results.Select(r => r.Grade).Distinct().Count() >= 5, "the model should spread applicants over the grades");
    }

    [Theory]
    [InlineData("purpose")]
    [InlineData("checkingAccount")]
    [InlineData("housing")]
    public void Unknown_category_names_the_feature(string feature)
    {
        var applicant = feature switch
        {
            "purpose" => Applicants.Example with { Purpose = "vacation" },
            "checkingAccount" => Applicants.Example with { CheckingAccount = "LT_0" },
            _ => Applicants.Example with { Housing = null! },
        };

        var e = Assert.Throws<InvalidFeatureValueException>(() => Model.Score(applicant));

        Assert.Equal(feature, e.Feature);
        Assert.Contains(feature, e.Message);
    }

    [Fact]
    public void Non_finite_amount_is_rejected_naming_the_feature()
    {
        var e = Assert.Throws<InvalidFeatureValueException>(() => Model.Score(Applicants.Example with { Amount = double.NaN }));

        Assert.Equal("amount", e.Feature);
    }

    [Fact]
    public void Scoring_allocates_only_the_result()
    {
        var applicant = Applicants.Example;

        var perCall = Allocations.PerCall(() => Model.Score(applicant));

        Assert.True(perCall <= 160, $"{perCall} bytes per score");
    }
}
