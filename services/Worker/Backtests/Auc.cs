namespace Worker.Backtests;

/// <summary>The area under the ROC curve of PDs against observed defaults (Mann-Whitney, ties counted as half).</summary>
public static class Auc
{
    /// <summary>Null without at least one bad and one good.</summary>
    public static double? Of(IReadOnlyList<(double Pd, bool Bad)> scored)
    {
        var ordered = scored.OrderBy(s => s.Pd).ToList();
        long bads = ordered.Count(s => s.Bad);
        long goods = ordered.Count - bads;
        if (bads == 0 || goods == 0)
        {
            return null;
        }

        // Sum of the bads' ranks, tied PDs sharing their average rank.
        double badRanks = 0;
        for (var i = 0; i < ordered.Count;)
        {
            var j = i;
            while (j < ordered.Count && ordered[j].Pd == ordered[i].Pd)
            {
                j++;
            }

            var averageRank = (i + 1 + j) / 2.0;
            for (var k = i; k < j; k++)
            {
                badRanks += ordered[k].Bad ? averageRank : 0;
            }

            i = j;
        }

        return (badRanks - (bads * (bads + 1) / 2.0)) / ((double)bads * goods);
    }
}
