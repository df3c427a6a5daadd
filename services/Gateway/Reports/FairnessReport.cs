using Decisioning.Data;

namespace Gateway.Reports;

// Approval rates by age band and each band's adverse impact ratio: its approval rate over the highest band's. A
// ratio under 0.8 fails the four-fifths rule of thumb and is flagged. Pure.
public static class FairnessReport
{
    public static readonly IReadOnlyList<string> Bands = ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"];

    public const double FourFifths = 0.8;

    public static IReadOnlyList<BandDocument> Compare(IEnumerable<FairnessRow> rows)
    {
        var byBand = rows.GroupBy(r => r.AgeBand).ToDictionary(g => g.Key, g => (Decisions: g.Sum(r => (long)r.Decisions), Approved: g.Sum(r => (long)r.Approved)));
        var best = byBand.Values.Where(c => c.Decisions > 0).Select(c => (double)c.Approved / c.Decisions).DefaultIfEmpty(0).Max();
        var bands = new List<BandDocument>();
        foreach (var band in Bands.Where(byBand.ContainsKey))
        {
            var (decisions, approved) = byBand[band];
            var rate = decisions == 0 ? (double?)null : Math.Round((double)approved / decisions, 6);
            var ratio = rate is { } r && best > 0 ? Math.Round(r / best, 6) : (double?)null;
            bands.Add(new BandDocument(band, decisions, approved, rate, ratio, ratio < FourFifths));
        }

        return bands;
    }
}

public sealed record BandDocument(string Band, long Decisions, long Approved, double? ApprovalRate, double? AdverseImpactRatio, bool BelowFourFifths);

public sealed record FairnessDayDocument(DateOnly Day, IReadOnlyList<BandDocument> Bands);

public sealed record FairnessDocument(DateOnly From, DateOnly To, double Threshold, IReadOnlyList<BandDocument> Overall, IReadOnlyList<FairnessDayDocument> Days);
