namespace Decisioning.Policy.Performance;

/// <summary>
/// Discrimination and calibration of a PD model measured on loans with known outcomes: AUC, KS,
/// default rate by grade and calibration by PD decile. Pure: the same loans give the same report.
/// </summary>
public static class ModelPerformance
{
    private const int Deciles = 10;

    /// <summary>The full report over <paramref name="outcomes"/>, in any order.</summary>
    public static PerformanceReport Evaluate(IReadOnlyList<ScoredOutcome> outcomes)
    {
        var sorted = SortByPd(outcomes);
        var bad = sorted.Count(o => o.Bad);
        return new PerformanceReport(
            sorted.Length,
            bad,
            sorted.Length == 0 ? null : (double)bad / sorted.Length,
            AucOfSorted(sorted),
            KsOfSorted(sorted),
            DefaultRateByGrade(sorted),
            CalibrationOfSorted(sorted));
    }

    /// <summary>
    /// The probability that a bad loan got a higher PD than a good one, ties counting half
    /// (the Mann-Whitney form of the ROC AUC); null without both classes.
    /// </summary>
    public static double? Auc(IReadOnlyList<ScoredOutcome> outcomes) => AucOfSorted(SortByPd(outcomes));

    /// <summary>The Kolmogorov-Smirnov statistic: the largest gap between the PD distributions of good and bad loans; null without both classes.</summary>
    public static double? Ks(IReadOnlyList<ScoredOutcome> outcomes) => KsOfSorted(SortByPd(outcomes));

    /// <summary>Mean PD against observed bad rate per PD decile; loans with equal PDs always share a decile, so a decile may be missing.</summary>
    public static IReadOnlyList<CalibrationBucket> Calibration(IReadOnlyList<ScoredOutcome> outcomes) => CalibrationOfSorted(SortByPd(outcomes));

    private static ScoredOutcome[] SortByPd(IReadOnlyList<ScoredOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            if (double.IsNaN(outcome.ProbabilityOfDefault) || outcome.ProbabilityOfDefault < 0 || outcome.ProbabilityOfDefault > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(outcomes), outcome.ProbabilityOfDefault, "A probability of default must be in [0, 1].");
            }
        }

        return [.. outcomes.OrderBy(o => o.ProbabilityOfDefault)];
    }

    private static double? AucOfSorted(ScoredOutcome[] sorted)
    {
        var (goods, bads) = Classes(sorted);
        if (goods == 0 || bads == 0)
        {
            return null;
        }

        // Each bad beats every good with a lower PD and ties with the goods of equal PD.
        double wins = 0;
        long goodsBelow = 0;
        foreach (var (_, groupGoods, groupBads) in TieGroups(sorted))
        {
            wins += groupBads * (goodsBelow + 0.5 * groupGoods);
            goodsBelow += groupGoods;
        }

        return wins / ((double)goods * bads);
    }

    private static double? KsOfSorted(ScoredOutcome[] sorted)
    {
        var (goods, bads) = Classes(sorted);
        if (goods == 0 || bads == 0)
        {
            return null;
        }

        // The distributions can only separate between distinct PDs, so they are compared after whole tie groups.
        double ks = 0;
        long goodsSoFar = 0, badsSoFar = 0;
        foreach (var (_, groupGoods, groupBads) in TieGroups(sorted))
        {
            goodsSoFar += groupGoods;
            badsSoFar += groupBads;
            ks = Math.Max(ks, Math.Abs(((double)goodsSoFar / goods) - ((double)badsSoFar / bads)));
        }

        return ks;
    }

    private static IReadOnlyList<GradeDefaultRate> DefaultRateByGrade(ScoredOutcome[] outcomes) =>
        outcomes
            .GroupBy(o => o.Grade)
            .OrderBy(g => GradeOrder(g.Key))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var count = g.Count();
                var bad = g.Count(o => o.Bad);
                return new GradeDefaultRate(g.Key, count, bad, (double)bad / count);
            })
            .ToList();

    private static IReadOnlyList<CalibrationBucket> CalibrationOfSorted(ScoredOutcome[] sorted)
    {
        var counts = new int[Deciles];
        var bads = new int[Deciles];
        var pdSums = new double[Deciles];
        var below = 0;
        foreach (var (start, groupGoods, groupBads) in TieGroups(sorted))
        {
            // A tie group goes to the decile of its first loan's rank, so equal PDs are never split.
            var decile = (int)((long)below * Deciles / sorted.Length);
            var size = groupGoods + groupBads;
            counts[decile] += size;
            bads[decile] += groupBads;
            pdSums[decile] += sorted[start].ProbabilityOfDefault * size;
            below += size;
        }

        var buckets = new List<CalibrationBucket>();
        for (var d = 0; d < Deciles; d++)
        {
            if (counts[d] > 0)
            {
                buckets.Add(new CalibrationBucket(d + 1, counts[d], pdSums[d] / counts[d], (double)bads[d] / counts[d]));
            }
        }

        return buckets;
    }

    // A to G first, then anything else.
    private static int GradeOrder(string grade)
    {
        for (var i = 0; i < RiskGrade.All.Count; i++)
        {
            if (RiskGrade.All[i] == grade)
            {
                return i;
            }
        }

        return RiskGrade.All.Count;
    }

    private static (long Goods, long Bads) Classes(ScoredOutcome[] outcomes)
    {
        long bads = outcomes.Count(o => o.Bad);
        return (outcomes.Length - bads, bads);
    }

    // Runs of equal PD in the sorted loans: where each starts and how many goods and bads it holds.
    private static IEnumerable<(int Start, int Goods, int Bads)> TieGroups(ScoredOutcome[] sorted)
    {
        var start = 0;
        while (start < sorted.Length)
        {
            var end = start;
            int goods = 0, bads = 0;
            while (end < sorted.Length && sorted[end].ProbabilityOfDefault == sorted[start].ProbabilityOfDefault)
            {
                if (sorted[end].Bad)
                {
                    bads++;
                }
                else
                {
                    goods++;
                }

                end++;
            }

            yield return (start, goods, bads);
            start = end;
        }
    }
}
