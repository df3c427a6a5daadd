using System.Globalization;

namespace CreditScoring.UnitTests;

public class ScorecardParityTests
{
    [Fact]
    public void Every_german_credit_row_scores_the_pd_sklearn_computed()
    {
        var rows = GermanCreditRows.Load();
        var expected = File.ReadLines(Path.Combine(RepositoryPaths.ModelDirectory, "parity.csv"))
            .Skip(1)
            .Select(line => line.Split(','))
            .ToDictionary(f => int.Parse(f[0], CultureInfo.InvariantCulture), f => double.Parse(f[1], CultureInfo.InvariantCulture));

        Assert.Equal(1000, rows.Count);
        Assert.Equal(1000, expected.Count);
        var worst = 0.0;
        for (var i = 0; i < rows.Count; i++)
        {
            var pd = CommittedModel.Scorecard.Score(rows[i]).ProbabilityOfDefault;
            worst = Math.Max(worst, Math.Abs(pd - expected[i]));
        }

        Assert.True(worst < 1e-9, $"largest |PD difference| {worst:E3}");
    }
}
