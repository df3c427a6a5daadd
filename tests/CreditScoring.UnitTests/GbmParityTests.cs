using CreditScoring.Gbm;

namespace CreditScoring.UnitTests;

public class GbmParityTests
{
    private static readonly IReadOnlyList<CreditScoring.Scoring.ApplicantFeatures> Rows = GermanCreditRows.Load();

    [Fact]
    public void Every_german_credit_row_scores_the_pd_and_margin_xgboost_computed()
    {
        var expected = CommittedGbm.ParityRows;
        Assert.Equal(1000, Rows.Count);
        Assert.Equal(Rows.Count, expected.Count);
        var worstPd = 0.0;
        var worstMargin = 0.0;
        for (var i = 0; i < Rows.Count; i++)
        {
            Assert.Equal(i, expected[i].Row);
            var result = CommittedGbm.Model.Score(Rows[i]);
            worstPd = Math.Max(worstPd, Math.Abs(result.ProbabilityOfDefault - expected[i].Pd));
            worstMargin = Math.Max(worstMargin, Math.Abs(result.Logit - expected[i].Margin));
        }

        Assert.True(worstPd < 1e-6, $"largest |PD difference| {worstPd:E3}, margin {worstMargin:E3}");
        // xgboost sums its margin in float32; ours is the double sum of the same leaves.
        Assert.True(worstMargin < 1e-5, $"largest |margin difference| {worstMargin:E3}");
    }

    [Theory]
    [InlineData(TreeShapAlgorithm.LeafTables)]
    [InlineData(TreeShapAlgorithm.Recursive)]
    public void Every_german_credit_row_has_the_tree_shap_values_xgboost_computed(TreeShapAlgorithm shap)
    {
        var model = CommittedGbm.With(shap);
        var contributions = new double[model.ColumnCount + 1];
        var worst = 0.0;
        var worstAt = "";
        for (var i = 0; i < Rows.Count; i++)
        {
            var expected = CommittedGbm.ParityRows[i].Contributions;
            Assert.Equal(contributions.Length, expected.Length);
            model.ColumnContributions(Rows[i], contributions);
            for (var c = 0; c < contributions.Length; c++)
            {
                var difference = Math.Abs(contributions[c] - expected[c]);
                if (difference > worst)
                {
                    (worst, worstAt) = (difference, $"row {i} column {c}");
                }
            }
        }

        Assert.True(worst < 1e-5, $"largest |contribution difference| {worst:E3} at {worstAt}");
    }

    [Fact]
    public void Feature_contributions_plus_bias_are_the_margin_on_every_row()
    {
        var worst = 0.0;
        foreach (var row in Rows)
        {
            var explanation = CommittedGbm.Model.Explain(row);
            var sum = explanation.Bias + explanation.Features.Sum(f => f.Contribution);
            worst = Math.Max(worst, Math.Abs(sum - explanation.Margin));
        }

        Assert.True(worst < 1e-6, $"largest |bias + contributions - margin| {worst:E3}");
    }
}
