using Decisioning.Data;

namespace Gateway.Reports;

// A model's drift by day: the PSI of its score (PD) and of every feature against its training distribution, with the
// features past the alert's threshold named. Pure.
public static class DriftReport
{
    // The ModelDrift alert's threshold: a PSI over 0.25 is a significant shift by the usual rule of thumb.
    public const double Threshold = 0.25;

    public static IReadOnlyList<DriftDayDocument> Days(IEnumerable<DriftRow> rows) =>
        [.. rows.GroupBy(r => (r.Day, r.ModelVersion)).OrderBy(g => g.Key.Day).ThenBy(g => g.Key.ModelVersion, StringComparer.Ordinal).Select(g =>
        {
            var features = g.Where(r => r.Feature != "score").ToDictionary(r => r.Feature, r => r.Psi, StringComparer.Ordinal);
            var score = g.FirstOrDefault(r => r.Feature == "score")?.Psi;
            string[] drifted = [.. g.Where(r => r.Psi > Threshold).Select(r => r.Feature).Order(StringComparer.Ordinal)];
            return new DriftDayDocument(g.Key.Day, g.Key.ModelVersion, g.Max(r => r.Decisions), score, features, drifted);
        })];
}

public sealed record DriftDayDocument(DateOnly Day, string ModelVersion, int Decisions, double? Score, IReadOnlyDictionary<string, double> Features, IReadOnlyList<string> Drifted);

public sealed record DriftDocument(string Model, DateOnly From, DateOnly To, double Threshold, IReadOnlyList<DriftDayDocument> Days);
