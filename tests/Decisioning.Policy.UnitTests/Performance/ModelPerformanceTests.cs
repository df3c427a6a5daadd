using Decisioning.Policy.Performance;

namespace Decisioning.Policy.UnitTests.Performance;

public class ModelPerformanceTests
{
    private const double Precision = 1e-12;

    [Fact]
    public void A_model_that_ranks_every_bad_above_every_good_has_auc_1_and_ks_1()
    {
        var loans = Loans(goods: [0.05, 0.10, 0.15], bads: [0.30, 0.60]);

        Assert.Equal(1.0, ModelPerformance.Auc(loans));
        Assert.Equal(1.0, ModelPerformance.Ks(loans));
    }

    [Fact]
    public void A_model_that_ranks_backwards_has_auc_0()
    {
        var loans = Loans(goods: [0.30, 0.60], bads: [0.05, 0.10]);

        Assert.Equal(0.0, ModelPerformance.Auc(loans));
        Assert.Equal(1.0, ModelPerformance.Ks(loans));
    }

    [Fact]
    public void Ties_between_a_good_and_a_bad_count_half()
    {
        // Pairs (bad, good): (0.3, 0.1) win, (0.3, 0.3) tie, (0.5, 0.1) win, (0.5, 0.3) win: 3.5 of 4.
        var loans = Loans(goods: [0.1, 0.3], bads: [0.3, 0.5]);

        Assert.Equal(0.875, ModelPerformance.Auc(loans)!.Value, Precision);
    }

    [Fact]
    public void A_model_that_gives_everyone_the_same_pd_has_auc_one_half_and_ks_0()
    {
        var loans = Loans(goods: [0.2, 0.2, 0.2], bads: [0.2]);

        Assert.Equal(0.5, ModelPerformance.Auc(loans));
        Assert.Equal(0.0, ModelPerformance.Ks(loans));
    }

    [Fact]
    public void Ks_is_the_largest_gap_between_the_good_and_bad_pd_distributions()
    {
        // After 0.1: goods 1/3, bads 0; after 0.2: 2/3 vs 1/2; after 0.3: 1 vs 1/2 (the gap, 0.5); after 0.4: 1 vs 1.
        var loans = Loans(goods: [0.1, 0.2, 0.3], bads: [0.2, 0.4]);

        Assert.Equal(0.5, ModelPerformance.Ks(loans)!.Value, Precision);
    }

    [Fact]
    public void Auc_matches_counting_every_pair_on_random_loans_with_many_ties()
    {
        var random = new Random(20261123);
        var loans = Enumerable.Range(0, 300)
            .Select(_ => new ScoredOutcome(Math.Round(random.NextDouble(), 1), "C", random.NextDouble() < 0.3))
            .ToList();

        double pairs = 0, wins = 0;
        foreach (var bad in loans.Where(l => l.Bad))
        {
            foreach (var good in loans.Where(l => !l.Bad))
            {
                pairs++;
                wins += bad.ProbabilityOfDefault > good.ProbabilityOfDefault ? 1 : bad.ProbabilityOfDefault == good.ProbabilityOfDefault ? 0.5 : 0;
            }
        }

        Assert.Equal(wins / pairs, ModelPerformance.Auc(loans)!.Value, Precision);
    }

    [Fact]
    public void No_loans_give_a_report_of_nothing_rather_than_nan()
    {
        var report = ModelPerformance.Evaluate([]);

        Assert.Equal(0, report.Count);
        Assert.Null(report.BadRate);
        Assert.Null(report.Auc);
        Assert.Null(report.Ks);
        Assert.Empty(report.DefaultRateByGrade);
        Assert.Empty(report.Calibration);
    }

    [Fact]
    public void Loans_of_one_class_have_rates_but_no_ranking_metrics()
    {
        var allGood = ModelPerformance.Evaluate(Loans(goods: [0.1, 0.2], bads: []));
        var allBad = ModelPerformance.Evaluate(Loans(goods: [], bads: [0.7]));

        Assert.Null(allGood.Auc);
        Assert.Null(allGood.Ks);
        Assert.Equal(0.0, allGood.BadRate);
        Assert.Null(allBad.Auc);
        Assert.Null(allBad.Ks);
        Assert.Equal(1.0, allBad.BadRate);
        Assert.Equal(1.0, Assert.Single(allBad.DefaultRateByGrade).DefaultRate);
    }

    [Fact]
    public void Default_rate_is_reported_per_grade_from_best_to_worst()
    {
        ScoredOutcome[] loans =
        [
            new(0.50, "G", true),
            new(0.02, "A", false),
            new(0.03, "A", false),
            new(0.10, "C", true),
            new(0.11, "C", false),
            new(0.02, "A", true),
            new(0.12, "C", false),
            new(0.01, "A", false),
        ];

        var report = ModelPerformance.Evaluate(loans);

        Assert.Equal(
            [new GradeDefaultRate("A", 4, 1, 0.25), new GradeDefaultRate("C", 3, 1, 1.0 / 3), new GradeDefaultRate("G", 1, 1, 1.0)],
            report.DefaultRateByGrade);
        Assert.Equal(8, report.Count);
        Assert.Equal(3, report.BadCount);
        Assert.Equal(3.0 / 8, report.BadRate);
    }

    [Fact]
    public void Calibration_puts_mean_pd_beside_the_observed_bad_rate_of_each_decile()
    {
        // Twenty loans with PDs 0.01 … 0.20: two per decile; the second of each pair from decile 6 on went bad.
        var loans = Enumerable.Range(1, 20).Select(i => new ScoredOutcome(i / 100.0, "C", i > 10 && i % 2 == 0)).Reverse().ToList();

        var calibration = ModelPerformance.Calibration(loans);

        Assert.Equal(Enumerable.Range(1, 10), calibration.Select(b => b.Decile));
        Assert.All(calibration, b => Assert.Equal(2, b.Count));
        Assert.Equal(0.015, calibration[0].MeanPd, Precision);
        Assert.Equal(0.195, calibration[9].MeanPd, Precision);
        Assert.Equal([0, 0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5, 0.5], calibration.Select(b => b.ObservedBadRate));
    }

    [Fact]
    public void Loans_with_equal_pds_share_a_decile()
    {
        // Five loans: ranks 0, 1-3 (tied), 4 → deciles 1, 3 and 9.
        var loans = Loans(goods: [0.1, 0.2, 0.2], bads: [0.2, 0.9]);

        var calibration = ModelPerformance.Calibration(loans);

        Assert.Equal([1, 3, 9], calibration.Select(b => b.Decile));
        Assert.Equal([1, 3, 1], calibration.Select(b => b.Count));
        Assert.Equal(1.0 / 3, calibration[1].ObservedBadRate, Precision);
        Assert.Equal(0.2, calibration[1].MeanPd, Precision);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void Probabilities_outside_0_to_1_are_refused(double pd) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelPerformance.Evaluate([new ScoredOutcome(pd, "A", false)]));

    private static List<ScoredOutcome> Loans(double[] goods, double[] bads) =>
        [.. goods.Select(pd => new ScoredOutcome(pd, RiskGrade.For(pd), false)), .. bads.Select(pd => new ScoredOutcome(pd, RiskGrade.For(pd), true))];
}
