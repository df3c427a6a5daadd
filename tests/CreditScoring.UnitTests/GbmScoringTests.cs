using CreditScoring.Gbm;
using CreditScoring.Scoring;
using Decisioning.Policy;

namespace CreditScoring.UnitTests;

public class GbmScoringTests
{
    private static readonly IReadOnlyList<ApplicantFeatures> Rows = GermanCreditRows.Load();

    private static GradientBoostedModel Model => CommittedGbm.Model;

    [Fact]
    public void Reasons_are_the_largest_positive_contributions_in_order_on_every_row()
    {
        foreach (var row in Rows)
        {
            var result = Model.Score(row);
            var positive = Model.Explain(row).Features.Where(f => f.Contribution > 0).OrderByDescending(f => f.Contribution).ToArray();

            Assert.Equal(Math.Min(GradientBoostedModel.MaxReasons, positive.Length), result.Reasons.Count);
            for (var i = 0; i < result.Reasons.Count; i++)
            {
                Assert.Equal(positive[i].Feature, result.Reasons[i].Feature);
                Assert.Equal(positive[i].Contribution, result.Reasons[i].Contribution, 12);
                Assert.True(result.Reasons[i].Contribution > 0);
            }
        }
    }

    [Fact]
    public void Categorical_reason_names_the_applicants_own_value()
    {
        var applicant = Applicants.Example with { CheckingAccount = "lt_0", CreditHistory = "critical" };

        var reasons = Model.Score(applicant).Reasons;

        Assert.Contains(reasons, r => r.Code == "CHECKING_NEGATIVE");
        Assert.All(reasons.Where(r => r.Feature == "checkingAccount"), r => Assert.Equal("CHECKING_NEGATIVE", r.Code));
    }

    [Fact]
    public void Reasons_never_name_a_protected_attribute_and_age_only_as_younger()
    {
        var applicantFields = ApplicantFeatureNames();
        foreach (var row in Rows)
        {
            foreach (var reason in Model.Score(row).Reasons)
            {
                Assert.Contains(reason.Feature, applicantFields);
                Assert.Equal(ReasonCodes.All.Single(d => d.Code == reason.Code).Feature, reason.Feature);
                if (reason.Feature == "age")
                {
                    Assert.Equal("YOUNGER_APPLICANT", reason.Code);
                }
            }
        }

        Assert.DoesNotContain(Model.FeatureNames, n => n.Contains("sex", StringComparison.OrdinalIgnoreCase)
            || n.Contains("status", StringComparison.OrdinalIgnoreCase) || n.Contains("foreign", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Elderly_applicant_is_never_scored_worse_than_a_younger_one()
    {
        foreach (var row in Rows.Take(200))
        {
            var previous = double.PositiveInfinity;
            for (var age = 18; age <= 100; age++)
            {
                var pd = Model.Score(row with { Age = age }).ProbabilityOfDefault;
                Assert.True(pd <= previous, $"PD rose from {previous} to {pd} at age {age}");
                previous = pd;
            }
        }
    }

    [Fact]
    public void Score_carries_the_model_identity_grade_and_points_of_its_pd()
    {
        var result = Model.Score(Applicants.Example);

        Assert.Equal("german-gbm", result.ModelName);
        Assert.Equal("german-gbm-1", result.ModelVersion);
        Assert.Equal(1 / (1 + Math.Exp(-result.Logit)), result.ProbabilityOfDefault, 15);
        Assert.Equal(RiskGrade.For(result.ProbabilityOfDefault), result.Grade);
        Assert.Equal(ScoreScale.Points(result.ProbabilityOfDefault), result.Points);
        Assert.Equal(Model.Margin(Applicants.Example), result.Logit);
    }

    [Theory]
    [InlineData("purpose", "vacation")]
    [InlineData("savings", "offshore")]
    public void Unknown_category_names_the_feature(string feature, string value)
    {
        var applicant = feature == "purpose" ? Applicants.Example with { Purpose = value } : Applicants.Example with { Savings = value };

        var e = Assert.Throws<InvalidFeatureValueException>(() => Model.Score(applicant));

        Assert.Equal(feature, e.Feature);
        Assert.Equal(value, e.Value);
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

        Assert.True(perCall <= 400, $"{perCall} bytes per score");
    }

    private static HashSet<string> ApplicantFeatureNames() =>
        [.. typeof(ApplicantFeatures).GetProperties().Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..])];
}
